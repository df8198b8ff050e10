import type { Command } from 'commander';
import { startSmtpSink } from '../../lib/smtp-sink.js';

export function registerMailSinkCommand(program: Command): void {
  program
    .command('mail-sink')
    .description(
      'Run a local SMTP server that prints every mail it receives (development: set SMTP_URL=smtp://127.0.0.1:<port>).',
    )
    .option('--port <port>', 'port to listen on', '1025')
    .action(async (opts: { port: string }) => {
      const sink = await startSmtpSink({
        port: Number(opts.port),
        onMessage: (mail) =>
          process.stdout.write(
            `--- mail from ${mail.from} to ${mail.to.join(', ')}\n${mail.raw}\n`,
          ),
      });
      process.stdout.write(`SMTP sink listening on ${sink.url} (Ctrl-C to stop)\n`);
      const stop = () => void sink.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
