/**
 * The process's entry point (`npm run dev` runs it from source; `npm run build` bundles it for `npm start`): starts
 * the server with the process's environment. `started` settles once the server listens (or has given up).
 */
import { start } from './server.ts'

export const started = start(process.env)
