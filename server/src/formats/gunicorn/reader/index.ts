/** The gunicorn config reader: tree-sitter tree -> ConfigModel, and the incremental document wrapper. */
export { readConfig, emptyModel } from './readConfig';
export { areAlternatives } from './branches';
export { parseGunicornDocument, releaseDocument } from './document';
