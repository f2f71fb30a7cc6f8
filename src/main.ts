/** Entry point of `npm start` and `node dist/src/main.js`: the server with flags from the command line. */
import { startCommand } from './cli/start.js'

await startCommand(process.argv.slice(2))
