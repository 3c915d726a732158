import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { acceptanceDeskRoutes, applicationsRoutes, statisticsRoutes } from './applications.routes.js';
import {
  catalogueRoutes,
  licensingSettingsRoutes,
  materialRequirementRoutes,
  terminationGroundRoutes,
} from './catalogue.routes.js';
import { certificatesRoutes } from './certificates.routes.js';
import { checklistTemplateRoutes } from './checklist.templates.routes.js';
import { documentsRoutes } from './documents.routes.js';
import { inspectionRoutes } from './inspection.routes.js';
import { observerRoutes } from './observers.routes.js';
import { selfInspectionRoutes } from './self-inspection.routes.js';

/** The parts of /api/licensing: one line per route file (prefix, plugin). */
const PARTS: Array<[prefix: string, plugin: (ctx: AppContext) => FastifyPluginAsyncTypebox]> = [
  ['/catalogue', catalogueRoutes],
  ['/material-requirements', materialRequirementRoutes],
  ['/settings', licensingSettingsRoutes],
  ['/termination-grounds', terminationGroundRoutes],
  ['/applications', applicationsRoutes],
  ['/acceptance-desk', acceptanceDeskRoutes],
  ['/statistics', statisticsRoutes],
  ['/certificates', certificatesRoutes],
  ['/documents', documentsRoutes],
  ['/self-inspections', selfInspectionRoutes],
  ['/checklist-templates', checklistTemplateRoutes],
  ['/inspections', inspectionRoutes],
  ['/inspections', observerRoutes],
];

/** /api/licensing: 工业产品生产许可 (issue 4). */
export function licensingRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const [prefix, plugin] of PARTS) await app.register(plugin(ctx), { prefix });
  };
}
