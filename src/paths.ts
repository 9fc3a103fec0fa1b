import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** The project root, whether this runs from src/ (tsx, tests) or from dist/src/ (npm start). */
export const PROJECT_ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/src/') ? '../../' : '../', import.meta.url))
export const DEFAULT_CONTENT_DIR = join(PROJECT_ROOT, 'seed', 'content')
export const DEFAULT_DATABASE_PATH = join(PROJECT_ROOT, 'data', 'als.db')
/** What `npm run build` makes: the launcher `npm start` runs, the server bundle it loads, and that bundle's V8 code cache. */
export const START_PATH = join(PROJECT_ROOT, 'dist', 'start.cjs')
export const BUNDLE_PATH = join(PROJECT_ROOT, 'dist', 'server.cjs')
export const CODE_CACHE_PATH = `${BUNDLE_PATH}.cache`
