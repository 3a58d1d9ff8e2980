import { Form, Input, Modal, type ButtonProps } from 'antd';
import { createDepartment, updateDepartment, type Department } from '../../api/departments';
import { useI18n } from '../../i18n/context';
import { selfAndDescendants } from '../../org/department-tree';
import { useOrg } from '../../org/org-context';
import { useOrgChange } from '../../org/use-org-change';
import { DepartmentSelect } from '../org/DepartmentSelect';

/** What the modal is for: a new department (perhaps under a given parent), a new name, or a new place. */
export type DepartmentEdit =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'rename'; department: Department }
  | { kind: 'move'; department: Department };

interface Fields {
  name?: string;
  parentId?: string | null;
}

interface Props {
  edit: DepartmentEdit | null;
  departments: Department[];
  onClose(): void;
}

export function DepartmentEditModal({ edit, departments, onClose }: Props) {
  const { t } = useI18n();
  const org = useOrg();
  const [form] = Form.useForm<Fields>();
  const save = useOrgChange(
    org.id,
    (fields: Fields) => {
      if (!edit) return Promise.resolve(null);
      if (edit.kind === 'create') return createDepartment(org.id, { name: (fields.name ?? '').trim(), parentId: fields.parentId ?? null });
      if (edit.kind === 'rename') return updateDepartment(org.id, edit.department.id, { name: (fields.name ?? '').trim() });
      return updateDepartment(org.id, edit.department.id, { parentId: fields.parentId ?? null });
    },
    'departments.saved',
  );

  const initial: Fields = !edit
    ? {}
    : edit.kind === 'create'
      ? { name: '', parentId: edit.parentId }
      : edit.kind === 'rename'
        ? { name: edit.department.name }
        : { parentId: edit.department.parentId };
  const title = !edit
    ? ''
    : edit.kind === 'create'
      ? t('departments.create')
      : edit.kind === 'rename'
        ? t('departments.renameTitle', { name: edit.department.name })
        : t('departments.moveTitle', { name: edit.department.name });
  // a department cannot go under itself or anything below it; the server checks too
  const excluded = edit?.kind === 'move' ? selfAndDescendants(departments, edit.department.id) : new Set<string>();

  return (
    <Modal
      open={edit !== null}
      title={title}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'department-save' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {/* the modal is emptied on close, so each opening starts a fresh form from these values */}
      <Form<Fields> form={form} layout="vertical" requiredMark={false} initialValues={initial} onFinish={(fields) => save.mutate(fields, { onSuccess: onClose })}>
        {edit?.kind !== 'move' && (
          <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true, message: t('departments.nameRequired') }]}>
            <Input maxLength={100} autoFocus data-testid="department-name" />
          </Form.Item>
        )}
        {edit?.kind !== 'rename' && (
          <Form.Item name="parentId" label={t('departments.parent')} extra={t('departments.parentHint')}>
            <DepartmentSelect orgId={org.id} departments={departments} excluded={excluded} placeholder={t('departments.topLevel')} testId="department-parent" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
