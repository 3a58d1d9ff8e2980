import { Form, Input, Radio, Space } from 'antd';
import { refusalReasons, type RefusalReason } from '../../../../common/privacy-requests.ts';
import { refuseRequest, type PrivacyRequest } from '../../api/privacy-requests';
import { useI18n } from '../../i18n/context';
import { refusalReasonLabel, requestKindLabel } from '../../privacy/request-labels';
import { FormModal } from '../FormModal';
import { useDecideRequest } from './use-decide-request';

interface Values {
  reason: RefusalReason;
  explanation: string;
}

/**
 * A refusal names one of the policy's reasons (section 10; the same list the server accepts) and
 * explains it in the operator's words: the person sees both.
 */
export function RefuseRequestModal({ request, onClose }: { request: PrivacyRequest | null; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const refuse = useDecideRequest((input: Values & { id: string }) => refuseRequest(input.id, input.reason, input.explanation), 'operatorQueue.refused');

  return (
    <FormModal<Values>
      open={request !== null}
      title={`${t('operatorQueue.refuseTitle')} · ${request ? requestKindLabel(request.kind, t) : ''}`}
      okText={t('operatorQueue.refuse')}
      okTestId="operator-refuse-submit"
      danger
      pending={refuse.isPending}
      form={form}
      // a repeated request is most often refused for that very reason
      initialValues={request?.repeated ? { reason: 'unreasonable_repetition' } : undefined}
      onFinish={({ reason, explanation }) => request && refuse.mutate({ id: request.id, reason, explanation: explanation.trim() }, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Form.Item name="reason" label={t('operatorQueue.reason')} rules={[{ required: true, message: t('operatorQueue.reasonRequired') }]}>
        <Radio.Group data-testid="operator-refusal-reason">
          <Space orientation="vertical">
            {refusalReasons.map((reason) => (
              <Radio key={reason} value={reason} data-testid={`operator-reason-${reason}`}>
                {refusalReasonLabel(reason, t)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="explanation"
        label={t('operatorQueue.explanation')}
        extra={t('operatorQueue.explanationHint')}
        rules={[{ required: true, whitespace: true, message: t('operatorQueue.explanationRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="operator-explanation" />
      </Form.Item>
    </FormModal>
  );
}
