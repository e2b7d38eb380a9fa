/** One entry of an operation's `outputFields`: the shape every feature's field list uses. */
export type OutputField = { key: string; label: string; type?: 'string' | 'number' | 'datetime' | 'boolean'; list?: boolean };
