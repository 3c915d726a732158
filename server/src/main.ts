import { buildApp } from './app.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { verifyAuditChain } from './platform/audit/audit.service.js';
import { createRuntime, type Runtime } from './platform/bootstrap.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { seedBase, seedInitial } from './seed/seed.js';
import { DEMO_PASSWORD } from './seed/demo.data.js';

const USAGE = `用法: npm run cli -- <command>
  all           HTTP 服务 + 后台作业（npm start 的默认，嵌入式数据库只能由一个进程打开）
  serve         仅 HTTP 服务
  worker        仅后台作业（外发消息、定时任务）
  migrate       数据库迁移到最新版本
  seed          写入基础数据（首次在演示模式下写入演示数据）
  audit:verify  校验审计日志哈希链，发现被修改或删除的记录时以非零状态退出
  user:reset-password <用户名>
                恢复账号：生成一次性密码（首次登录须修改）、解除锁定与停用、结束其会话（三员账号的恢复途径）`;

async function prepare(rt: Runtime): Promise<void> {
  const { ctx } = rt;
  const applied = await migrateToLatest(ctx.db);
  if (applied.length) ctx.logger.info({ applied }, 'migrations applied');
  await seedBase(ctx);
  const r = await seedInitial(ctx);
  if (r.created && ctx.config.demo) {
    ctx.logger.info(`demo data seeded; demo accounts use the password ${DEMO_PASSWORD} (see README)`);
  }
  if (r.initialPasswords) {
    // Printed once, to the operator's terminal only.
    process.stdout.write('\n初始管理员账号（首次登录须修改密码，请立即妥善保存）:\n');
    for (const [u, p] of Object.entries(r.initialPasswords)) process.stdout.write(`  ${u}  ${p}\n`);
  }
}

async function serve(rt: Runtime, config: AppConfig, withWorker: boolean): Promise<void> {
  await prepare(rt);
  const app = await buildApp(rt.ctx, { docs: true, web: true });
  const stops: Array<() => Promise<void>> = [];
  if (withWorker) stops.push(await startWorker(rt));
  await app.listen({ port: config.port, host: config.host });
  const shutdown = async () => {
    rt.ctx.logger.info('shutting down');
    for (const s of stops) await s();
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

/** Starts the background worker loops; returns their stop function. */
async function startWorker(rt: Runtime): Promise<() => Promise<void>> {
  const { startWorkers } = await import('./worker.js');
  return startWorkers(rt.ctx);
}

async function main(argv: string[]): Promise<void> {
  const cmd = argv[0] ?? 'all';
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  if (!['all', 'serve', 'worker', 'migrate', 'seed', 'audit:verify', 'user:reset-password'].includes(cmd)) {
    process.stderr.write(`未知命令: ${cmd}\n${USAGE}\n`);
    process.exit(2);
  }
  const rt = await createRuntime(config);
  switch (cmd) {
    case 'all':
    case 'serve':
      return serve(rt, config, cmd === 'all');
    case 'worker': {
      await prepare(rt);
      const stop = await startWorker(rt);
      const end = async () => {
        await stop();
        await rt.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void end());
      process.once('SIGTERM', () => void end());
      return;
    }
    case 'migrate': {
      const applied = await migrateToLatest(rt.ctx.db);
      process.stdout.write(applied.length ? `已执行迁移: ${applied.join(', ')}\n` : '数据库已是最新版本\n');
      break;
    }
    case 'seed':
      await prepare(rt);
      process.stdout.write('基础数据已写入\n');
      break;
    case 'user:reset-password': {
      const username = argv[1];
      if (!username) {
        process.stderr.write('请指定用户名：user:reset-password <用户名>\n');
        await rt.close();
        process.exit(2);
      }
      const { UsersService } = await import('./modules/system/users.service.js');
      const r = await new UsersService(rt.ctx).recoverByOperator(username);
      await rt.close();
      if (!r) {
        process.stderr.write(`用户不存在：${username}\n`);
        process.exit(1);
      }
      process.stdout.write(`已为 ${username} 生成一次性密码（首次登录须修改）：${r.password}\n`);
      return process.exit(0);
    }
    case 'audit:verify': {
      const r = await verifyAuditChain(rt.ctx.db);
      if (r.ok) process.stdout.write(`审计日志完整：已校验 ${r.checked} 条记录\n`);
      else process.stdout.write(`审计日志校验失败：${r.problem?.message}（已校验 ${r.checked} 条）\n`);
      await rt.close();
      process.exit(r.ok ? 0 : 1);
    }
  }
  await rt.close();
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
