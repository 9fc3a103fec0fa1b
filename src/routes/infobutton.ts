import type { FastifyInstance } from 'fastify'
export default async function infobuttonRoutes (_app: FastifyInstance, _options: { baseUrl: string }): Promise<void> {}
