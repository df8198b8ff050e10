/**
 * The SFTP accounts' `out/` folders as the platform's outbox (FlowOutbox, flows/): reports and
 * refusals are written to `${root}/<structureId>/<clientId>/out/<name>`.
 *
 * Invariant: a client never lists or downloads half a file. The bytes go to a hidden
 * `.<name>.<random>` (names starting with a dot are never listed, decision 0014), are flushed,
 * then renamed over `<name>`: rename within a folder is atomic, so `<name>` is the whole old
 * file or the whole new one. A failed write removes its hidden file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FlowOutbox } from '../flows/deliver-flow-report.js';
import { isFileName, prepareAccountDirs } from './jail.js';

export function sftpOutbox(root: string): FlowOutbox {
  return {
    async write(account, name, content) {
      // Only names a client could itself name: the file must be listable and fetchable.
      if (!isFileName(name)) throw new Error(`"${name}" cannot be a file of out/`);
      // Creates the folders when the account has never signed in; refuses a symlinked folder.
      const dirs = await prepareAccountDirs({ root, ...account });
      const final = path.join(dirs.out, name);
      const temp = path.join(dirs.out, `.${name}.${randomBytes(6).toString('hex')}`);
      const file = await open(temp, 'wx', 0o600);
      try {
        try {
          if (content instanceof Uint8Array) await file.write(content);
          else {
            for await (const chunk of content) {
              await (typeof chunk === 'string' ? file.write(chunk) : file.write(chunk));
            }
          }
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temp, final);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
  };
}
