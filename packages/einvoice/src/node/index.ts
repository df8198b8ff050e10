/** Node-only entry point of @chorale/einvoice (file system helpers for CLIs). */
export { validateFiles, type ValidateFilesOptions } from './validate-files.js';
