import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../errors.ts';
import type { OrgAccess, OrgContext } from './org-access.ts';
import type { DepartmentRow, OrgRepo } from './org.repo.ts';

/** The department tree: created, renamed and moved by admins, deleted only when empty, never a loop. */
export class DepartmentService {
  constructor(private readonly deps: { repo: OrgRepo; access: OrgAccess; clock: Clock }) {}

  list(ctx: OrgContext): Promise<DepartmentRow[]> {
    this.deps.access.authorize(ctx, 'directory.read');
    return this.deps.repo.departments(ctx.org.id);
  }

  async create(ctx: OrgContext, input: { name: string; parentId?: string | null | undefined }): Promise<DepartmentRow> {
    this.deps.access.authorize(ctx, 'department.manage');
    if (input.parentId && !(await this.deps.repo.department(ctx.org.id, input.parentId))) throw new AppError('department_not_found');
    const row: DepartmentRow = { id: randomUUID(), org_id: ctx.org.id, parent_id: input.parentId ?? null, name: input.name.trim(), created_at: this.deps.clock.now() };
    await this.deps.repo.insertDepartment(row);
    await this.deps.access.audit(ctx, { action: 'department.created', targetId: row.id });
    return row;
  }

  async update(ctx: OrgContext, id: string, changes: { name?: string | undefined; parentId?: string | null | undefined }): Promise<DepartmentRow> {
    this.deps.access.authorize(ctx, 'department.manage');
    const all = await this.deps.repo.departments(ctx.org.id);
    const department = all.find((row) => row.id === id);
    if (!department) throw new AppError('department_not_found');
    const update: Partial<DepartmentRow> = {};
    if (changes.name !== undefined) update.name = changes.name.trim();
    if (changes.parentId !== undefined) {
      if (changes.parentId !== null) {
        const parentOf = new Map(all.map((row) => [row.id, row.parent_id]));
        if (!parentOf.has(changes.parentId)) throw new AppError('department_not_found');
        // walk up from the new parent: meeting the department itself means a loop
        for (let cursor: string | null | undefined = changes.parentId; cursor; cursor = parentOf.get(cursor)) {
          if (cursor === id) throw new AppError('department_cycle');
        }
      }
      update.parent_id = changes.parentId;
    }
    if (Object.keys(update).length === 0) return department;
    await this.deps.repo.updateDepartment(ctx.org.id, id, update);
    if (update.name !== undefined) await this.deps.access.audit(ctx, { action: 'department.renamed', targetId: id });
    if (update.parent_id !== undefined) await this.deps.access.audit(ctx, { action: 'department.moved', targetId: id });
    return { ...department, ...update };
  }

  async remove(ctx: OrgContext, id: string): Promise<void> {
    this.deps.access.authorize(ctx, 'department.manage');
    if (!(await this.deps.repo.department(ctx.org.id, id))) throw new AppError('department_not_found');
    if (!(await this.deps.repo.departmentIsEmpty(ctx.org.id, id))) throw new AppError('department_not_empty');
    await this.deps.repo.deleteDepartment(ctx.org.id, id);
    await this.deps.access.audit(ctx, { action: 'department.deleted', targetId: id });
  }
}
