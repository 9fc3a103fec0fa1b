import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** The project root, whether this runs from src/ (tsx, tests) or from dist/src/ (npm start). */
export const PROJECT_ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/src/') ? '../../' : '../', import.meta.url))
export const DEFAULT_CONTENT_DIR = join(PROJECT_ROOT, 'seed', 'content')
export const DEFAULT_DATABASE_PATH = join(PROJECT_ROOT, 'data', 'als.db')
