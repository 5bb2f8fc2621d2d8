import type { FastifyPluginAsync } from 'fastify';
const pageRoutes: FastifyPluginAsync<{ publicUrl: string | null }> = async () => {};
export default pageRoutes;
