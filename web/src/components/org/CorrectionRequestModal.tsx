import { Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import type { ReactNode } from 'react';
import type { EmployerField } from '../../../../common/org.ts';
import { requestCorrection } from '../../api/corrections';
import { useI18n } from '../../i18n/context';
import { useOrg } from '../../org/org-context';
import { useFieldLabel } from '../../org/use-field-label';
import { useOrgChange } from '../../org/use-org-change';
import { ProposedValueInput } from './ProposedValueInput';

interface Props {
  /** the field to correct; null when closed */
  field: EmployerField | null;
  currentValue: ReactNode;
  onClose(): void;
}

interface Fields {
  proposedValue: string;
  note?: string;
}

/** Asks the employer to correct one field it manages (P8.2); an admin approves or rejects it with a reason. */
export function CorrectionRequestModal({ field, currentValue, onClose }: Props) {
  const { t } = useI18n();
  const org = useOrg();
  const label = useFieldLabel();
  const [form] = Form.useForm<Fields>();
  const send = useOrgChange(
    org.id,
    (fields: Fields & { field: EmployerField }) =>
      requestCorrection(org.id, { field: fields.field, proposedValue: fields.proposedValue.trim(), note: fields.note?.trim() || undefined }),
    'correction.sent',
  );

  return (
    <Modal
      open={field !== null}
      title={field ? t('correction.title', { field: label(field) }) : ''}
      okText={t('correction.submit')}
      okButtonProps={{ loading: send.isPending, 'data-testid': 'correction-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {field && (
        <Form<Fields>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(fields) => send.mutate({ ...fields, field }, { onSuccess: onClose })}
        >
          <Form.Item label={t('correction.current')}>
            <Typography.Text data-testid="correction-current-value">{currentValue}</Typography.Text>
          </Form.Item>
          <Form.Item name="proposedValue" label={t('correction.proposed')} rules={[{ required: true, whitespace: true, message: t('correction.proposedRequired') }]}>
            <ProposedValueInput field={field} />
          </Form.Item>
          <Form.Item name="note" label={t('correction.note')} extra={t('correction.noteHint')}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="correction-note" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
