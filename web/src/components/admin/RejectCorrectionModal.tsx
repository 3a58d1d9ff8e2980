import { Form, Input } from 'antd';
import { rejectCorrection, type Correction } from '../../api/corrections';
import { useI18n } from '../../i18n/context';
import { useOrg } from '../../org/org-context';
import { useOrgChange } from '../../org/use-org-change';
import { FormModal } from '../FormModal';

/** A rejection always carries a reason: the member reads it next to their request. */
export function RejectCorrectionModal({ correction, onClose }: { correction: Correction | null; onClose(): void }) {
  const { t } = useI18n();
  const org = useOrg();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useOrgChange(org.id, (input: { id: string; reason: string }) => rejectCorrection(org.id, input.id, input.reason), 'queue.rejected');

  return (
    <FormModal<{ reason: string }>
      open={correction !== null}
      title={t('queue.rejectTitle')}
      okText={t('queue.reject')}
      okTestId="correction-reject-submit"
      danger
      pending={reject.isPending}
      form={form}
      onFinish={({ reason }) => correction && reject.mutate({ id: correction.id, reason: reason.trim() }, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Form.Item name="reason" label={t('queue.reason')} extra={t('queue.reasonHint')} rules={[{ required: true, whitespace: true, message: t('queue.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="correction-reason" />
      </Form.Item>
    </FormModal>
  );
}
