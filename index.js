// Zapier's CommonJS wrapper loads the root index.js; the app itself is TypeScript compiled to dist/.
module.exports = require('./dist/index.js').default;
