import { Alert, Form, Input, Select } from 'antd';
import type { EmployerField } from '../../../../common/org.ts';
import { completeRequest, type Completion, type PrivacyRequest } from '../../api/privacy-requests';
import { useI18n } from '../../i18n/context';
import { useFieldLabel } from '../../org/use-field-label';
import { requestKindLabel } from '../../privacy/request-labels';
import { FormModal } from '../FormModal';
import { useDecideRequest } from './use-decide-request';

interface Values {
  response?: string;
  orgId?: string;
  field?: EmployerField;
  proposedValue?: string;
}

/** Fields an operator can fill in from what the person wrote; departments and superiors are chosen by the employer's admin. */
const routableFields: EmployerField[] = ['name', 'position', 'workEmail', 'workPhone', 'workLocation', 'workStatus'];

/**
 * Completing a request carries out its kind: the modal says what will happen (an erasure, a
 * download, a correction filed with the employer) and asks for the written answer where the system
 * cannot carry the request out.
 */
export function CompleteRequestModal({ request, onClose }: { request: PrivacyRequest | null; onClose(): void }) {
  const { t } = useI18n();
  const fieldLabel = useFieldLabel();
  const [form] = Form.useForm<Values>();
  const routing = Form.useWatch('orgId', form);
  const complete = useDecideRequest((input: { id: string } & Completion) => completeRequest(input.id, { response: input.response, correction: input.correction }), 'operatorQueue.completed');
  const action = request?.action ?? 'answer';
  const employers = request?.organisations ?? [];
  const canRoute = action === 'route' && employers.length > 0;
  const answerRequired = action === 'answer' || (action === 'route' && !routing);
  const notice =
    action === 'route' && employers.length === 0 ? t('operatorQueue.action.noEmployer') : t(`operatorQueue.action.${action}`);

  const finish = (values: Values) => {
    if (!request) return;
    const response = values.response?.trim() || undefined;
    const correction = values.orgId && values.field && values.proposedValue ? { orgId: values.orgId, field: values.field, proposedValue: values.proposedValue.trim() } : undefined;
    complete.mutate({ id: request.id, response, correction }, { onSuccess: onClose });
  };

  return (
    <FormModal<Values>
      open={request !== null}
      title={`${t('operatorQueue.completeTitle')} · ${request ? requestKindLabel(request.kind, t) : ''}`}
      okText={action === 'erase' ? t('operatorQueue.eraseNow') : t('operatorQueue.complete')}
      okTestId="operator-complete-submit"
      pending={complete.isPending}
      form={form}
      onFinish={finish}
      onClose={onClose}
    >
      <Alert type={action === 'erase' ? 'warning' : 'info'} showIcon title={notice} data-testid="operator-complete-action" data-action={action} style={{ marginBottom: 16 }} />
      {canRoute && (
        <>
          <Form.Item name="orgId" label={t('operatorQueue.employer')}>
            <Select allowClear data-testid="operator-route-org" options={employers.map((employer) => ({ value: employer.id, label: employer.name }))} />
          </Form.Item>
          {routing && (
            <>
              <Form.Item name="field" label={t('operatorQueue.field')} rules={[{ required: true, message: t('operatorQueue.fieldRequired') }]}>
                <Select data-testid="operator-route-field" options={routableFields.map((field) => ({ value: field, label: fieldLabel(field) }))} />
              </Form.Item>
              <Form.Item name="proposedValue" label={t('operatorQueue.proposedValue')} rules={[{ required: true, whitespace: true, message: t('operatorQueue.proposedValueRequired') }]}>
                <Input maxLength={200} data-testid="operator-route-value" />
              </Form.Item>
            </>
          )}
        </>
      )}
      {action !== 'erase' && (
        <Form.Item
          name="response"
          label={t('operatorQueue.response')}
          extra={t('operatorQueue.responseHint')}
          rules={answerRequired ? [{ required: true, whitespace: true, message: t('operatorQueue.responseRequired') }] : []}
        >
          <Input.TextArea rows={5} maxLength={4000} showCount autoFocus data-testid="operator-response" />
        </Form.Item>
      )}
    </FormModal>
  );
}
