/**
 * `npm run web`: the console alone, against whatever Temporal the environment names (as the CLI reaches it:
 * `@temporalio/envconfig`), on 127.0.0.1:BLOC_WEB_PORT. Ctrl-C stops it.
 */
import { connectClient } from '../client/connection';
import { startWebServer, webOptionsFromEnv } from './server';

async function main(): Promise<number> {
  const connected = await connectClient();
  const server = await startWebServer(webOptionsFromEnv(connected.client));
  process.stdout.write(`Trang quản lý / console: ${server.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await connected.connection.close();
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`web: ${err.message.split('\n')[0] ?? String(err)}\n`);
      process.exit((err as { exitCode?: number }).exitCode ?? 1);
    },
  );
}
