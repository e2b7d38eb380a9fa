/**
 * The Zap editor as a marketer sees it: the rules of Zapier's integration checks and build guidelines
 * (https://docs.zapier.com/integrations/publish/integration-checks-reference) that `zapier-platform validate`
 * only checks on Zapier's servers. It walks the whole definition, so operations added later are checked too.
 */
import App from '../index';
import { connectionFields } from '../src/auth/fields';

type Field = {
  key: string;
  label?: string;
  type?: string;
  required?: boolean;
  list?: boolean;
  helpText?: string;
  dynamic?: string;
  search?: string;
  choices?: unknown;
  computed?: boolean;
  group?: string;
  children?: Field[];
};
type OutputField = { key: string; label?: string; type?: string; list?: boolean };
type Operation = {
  inputFields?: Array<Field | ((...args: unknown[]) => unknown)>;
  inputFieldGroups?: Array<{ key: string; label?: string }>;
  outputFields?: Array<OutputField | ((...args: unknown[]) => unknown)>;
  sample?: Record<string, unknown>;
};
type Op = { key: string; display: { label: string; description: string; hidden?: boolean }; operation: Operation };

const KINDS = ['triggers', 'creates', 'searches'] as const;
const app = App as unknown as Record<(typeof KINDS)[number], Record<string, Op>>;
const ops = KINDS.flatMap((kind) => Object.values(app[kind] ?? {}).map((op) => ({ kind, op, name: `${kind}.${op.key}` })));
const visible = ops.filter(({ op }) => !op.display.hidden);


/**
 * Keys ending in `_id` that are not ids of anything the APIs can list, so no dropdown can offer them:
 * - reference_id: the business's own order, case or opportunity number, mapped from an earlier step;
 * - location_id: the business's own id of a store, set up with Trustpilot; Trustpilot's API lists no locations.
 */
const NOT_LISTABLE = new Set(['reference_id', 'location_id']);

const MAX_DESCRIPTION = 150;
const MAX_HELP = 300;
const MAX_UNGROUPED_FIELDS = 8;

const staticFields = (op: Op): Field[] => (op.operation.inputFields ?? []).filter((f): f is Field => typeof f === 'object');
const formFields = (op: Op): Field[] => staticFields(op).filter((f) => f.type !== 'copy');

type Entry = { kind: string; op: Op; name: string };
type Check = (op: Op, kind: string) => string[];

const isType = (type: string | undefined, value: unknown): boolean => {
  // null is "no value" (e.g. a product review has no title); an empty string in a date or number field is not.
  if (value === null) return true;
  switch (type ?? 'string') {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
    default:
      return typeof value === 'string';
  }
};

/** Each rule, as a function of one operation; hidden operations are checked by the rules that apply to them. */
const CHECKS: Record<string, { visibleOnly?: boolean; check: Check }> = {
  'visible triggers are described "Triggers when …", actions and searches start with a verb': {
    visibleOnly: true,
    check: (op, kind) => {
      const d = op.display.description;
      if (kind === 'triggers') return d.startsWith('Triggers when ') ? [] : [`"${d}" must start "Triggers when "`];
      // Zapier's style: a verb in the third person ("Sends …", "Finds …", "Replies …").
      return /^[A-Z][a-z]+s\b/.test(d) ? [] : [`"${d}" must start with a verb such as "Sends"`];
    },
  },
  'descriptions are one sentence of at most 150 characters, ending with a full stop': {
    check: (op) => {
      const d = op.display.description;
      const out: string[] = [];
      if (d.length > MAX_DESCRIPTION) out.push(`description has ${d.length} characters (max ${MAX_DESCRIPTION})`);
      if (!d.endsWith('.')) out.push('description must end with "."');
      if (/[.!?]\s+[A-Z]/.test(d.slice(0, -1))) out.push(`description has more than one sentence: "${d}"`);
      return out;
    },
  },
  'required fields come before optional ones': {
    check: (op) => {
      const fields = formFields(op);
      const firstOptional = fields.findIndex((f) => !f.required);
      if (firstOptional < 0) return [];
      return fields
        .slice(firstOptional)
        .filter((f) => f.required)
        .map((f) => `required "${f.label}" comes after optional "${fields[firstOptional]?.label}"`);
    },
  },
  'every visible field whose key ends in _id is a dropdown or search': {
    check: (op) =>
      formFields(op)
        .filter((f) => /_id$/.test(f.key) && !f.computed && !f.choices && !NOT_LISTABLE.has(f.key))
        .filter((f) => (f.type ?? 'string') === 'string' || f.type === 'text')
        .filter((f) => !f.dynamic && !f.search)
        .map((f) => `"${f.label}" (${f.key}) asks for an id without a dropdown or search`),
  },
  'forms over 8 fields put their optional fields in declared groups': {
    check: (op) => {
      const fields = formFields(op);
      if (fields.length <= MAX_UNGROUPED_FIELDS) return [];
      const groups = new Set((op.operation.inputFieldGroups ?? []).map((g) => g.key));
      if (groups.size === 0) return [`${fields.length} fields and no inputFieldGroups`];
      return fields
        .filter((f) => !f.required && !(f.group && groups.has(f.group)))
        .map((f) => `optional "${f.label}" (${f.key}) is in no declared group`);
    },
  },
  'help texts are at most 300 characters': {
    check: (op) =>
      staticFields(op)
        .flatMap((f) => [f, ...(f.children ?? [])])
        .filter((f) => (f.helpText ?? '').length > MAX_HELP)
        .map((f) => `help of "${f.label}" has ${f.helpText!.length} characters`),
  },
  'samples have every output field, with values of the declared type': {
    check: (op) => {
      const sample = op.operation.sample;
      if (!sample) return op.display.hidden ? [] : ['has no sample'];
      return (op.operation.outputFields ?? [])
        .filter((f): f is OutputField => typeof f === 'object')
        .flatMap((f) => {
          const lineItem = /^(.+)\[\](.+)$/.exec(f.key);
          const [, parent = '', child = ''] = lineItem ?? [];
          const values = lineItem ? ((sample[parent] as Array<Record<string, unknown>> | undefined) ?? []).map((row) => row[child]) : [sample[f.key]];
          if (!lineItem && !(f.key in sample)) return [`sample lacks "${f.key}"`];
          return values.flatMap((v) => {
            if (f.list && !Array.isArray(v)) return [`"${f.key}" is a list but its sample is ${JSON.stringify(v)}`];
            const items = f.list ? (v as unknown[]) : [v];
            return items.filter((item) => !isType(f.type, item)).map((item) => `"${f.key}" is ${f.type ?? 'string'} but its sample is ${JSON.stringify(item)}`);
          });
        });
    },
  },
  'samples look like real data: at most a third of their values empty': {
    visibleOnly: true,
    check: (op) => {
      const values = Object.values(op.operation.sample ?? {});
      const empty = values.filter((v) => v === null || v === '' || (Array.isArray(v) && v.length === 0)).length;
      return values.length > 0 && empty * 3 > values.length ? [`${empty} of the sample's ${values.length} values are empty`] : [];
    },
  },
};

const run = (entries: Entry[], rule: { visibleOnly?: boolean; check: Check }) =>
  entries
    .filter(({ op }) => !rule.visibleOnly || !op.display.hidden)
    .flatMap(({ op, kind, name }) => rule.check(op, kind).map((p) => `${name}: ${p}`));

/** One operation breaking every rule once, to prove each check can fail. */
const BAD: Entry[] = [
  { kind: 'triggers', name: 'triggers.bad', op: { key: 'bad', display: { label: 'Bad', description: 'Fires on new things' }, operation: {} } },
  {
    kind: 'creates',
    name: 'creates.bad',
    op: {
      key: 'bad',
      display: { label: 'Bad', description: `The best action. ${'x'.repeat(150)}` },
      operation: {
        inputFields: [
          { key: 'note', label: 'Note', required: false, helpText: 'y'.repeat(301) },
          { key: 'template_id', label: 'Template ID', required: true },
          ...Array.from({ length: 8 }, (_, i) => ({ key: `f${i}`, label: `F${i}` })),
        ],
        outputFields: [{ key: 'sent_at', label: 'Sent At', type: 'datetime' }, { key: 'count', type: 'integer' }],
        sample: { sent_at: '', count: '3' },
      },
    },
  },
];

describe('editor style (checked over every operation in the definition)', () => {
  it('found the operations to check', () => {
    expect(visible.length).toBeGreaterThan(10);
  });

  it.each(Object.keys(CHECKS))('%s', (name) => {
    expect(run(ops, CHECKS[name]!)).toEqual([]);
  });

  it.each(Object.keys(CHECKS))('catches a form that breaks it: %s', (name) => {
    expect(run(BAD, CHECKS[name]!).length).toBeGreaterThan(0);
  });

  it('connection help texts are at most 300 characters', () => {
    expect(connectionFields.filter((f) => f.helpText.length > MAX_HELP).map((f) => f.key)).toEqual([]);
  });

  it('every connection field links to the page where its value is found', () => {
    const found = connectionFields.filter((f) => !/\]\(https:\/\/[^)]+\)/.test(f.helpText)).map((f) => f.key);
    expect(found).toEqual([]);
  });
});
