import type { FastifyInstance } from 'fastify';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>陕西省市场监督管理局 信息平台</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,"Noto Sans SC","Microsoft YaHei",sans-serif;max-width:720px;margin:48px auto;padding:0 16px;color:#1f1f1f}
a{color:#1677ff}code{background:#f5f5f5;padding:2px 4px}</style></head>
<body><h1>陕西省市场监督管理局 信息平台</h1>
<p>服务已启动。Web 控制台将在"Web 控制台"议题中接入；当前可通过以下入口使用：</p>
<ul><li><a href="/api/docs">API 文档（OpenAPI）</a></li><li><a href="/api/health">存活检查</a> · <a href="/api/ready">就绪检查</a></li></ul>
<p>登录接口：<code>POST /api/auth/login</code>。演示账号见 README。</p></body></html>`;

/** The landing page served at `/` until the web console (issue 3) takes its place. */
export function installHome(app: FastifyInstance): void {
  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(PAGE),
  );
}
