import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { openContentStore, type ContentStore } from '../db/store.ts'
import { prepareEmbeds, type Embeds } from '../render/embeds.ts'

declare module 'fastify' {
  interface FastifyInstance {
    content: ContentStore
    embeds: Embeds
  }
}

export interface ContentPluginOptions {
  databasePath: string
  baseUrl: string
}

/** Opens the release database read-only, prepares its representations, and closes it with the app. */
async function content (app: FastifyInstance, options: ContentPluginOptions): Promise<void> {
  const store = openContentStore(options.databasePath, { baseUrl: options.baseUrl })
  app.decorate('content', store)
  app.addHook('onClose', async () => {
    store.close()
    app.log.info('content database closed')
  })
  app.decorate('embeds', prepareEmbeds(store, options.baseUrl))
}

export default fp(content, { name: 'content', fastify: '5.x' })
