// A composer thread that stops at the first message it is sent, as one would that ran out of memory.
require('node:worker_threads').parentPort.on('message', () => process.exit(3));
