import { Form, Input } from 'antd';
import { completeRequest, type PrivacyRequest } from '../../api/privacy-requests';
import { useI18n } from '../../i18n/context';
import { requestKindLabel } from '../../privacy/request-labels';
import { FormModal } from '../FormModal';
import { useDecideRequest } from './use-decide-request';

/** The operator's answer, which the person reads in their privacy centre. */
export function CompleteRequestModal({ request, onClose }: { request: PrivacyRequest | null; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ response: string }>();
  const complete = useDecideRequest((input: { id: string; response: string }) => completeRequest(input.id, input.response), 'operatorQueue.completed');

  return (
    <FormModal<{ response: string }>
      open={request !== null}
      title={`${t('operatorQueue.completeTitle')} · ${request ? requestKindLabel(request.kind, t) : ''}`}
      okText={t('operatorQueue.complete')}
      okTestId="operator-complete-submit"
      pending={complete.isPending}
      form={form}
      onFinish={({ response }) => request && complete.mutate({ id: request.id, response: response.trim() }, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Form.Item
        name="response"
        label={t('operatorQueue.response')}
        extra={t('operatorQueue.responseHint')}
        rules={[{ required: true, whitespace: true, message: t('operatorQueue.responseRequired') }]}
      >
        <Input.TextArea rows={5} maxLength={4000} showCount autoFocus data-testid="operator-response" />
      </Form.Item>
    </FormModal>
  );
}
