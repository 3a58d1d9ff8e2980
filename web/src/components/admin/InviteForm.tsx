import { App, Button, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import type { WorkStatus } from '../../../../common/org.ts';
import { invite, type InvitationInput } from '../../api/invitations';
import { useAttestationText } from '../../api/organisations';
import { useI18n } from '../../i18n/context';
import { useOrg } from '../../org/org-context';
import { useOrgChange } from '../../org/use-org-change';
import { DepartmentSelect } from '../org/DepartmentSelect';
import { MemberSelect } from '../org/MemberSelect';
import { WorkStatusSelect } from '../org/WorkStatusSelect';
import { AttestationCheckbox } from './AttestationCheckbox';

interface Fields {
  name: string;
  workEmail?: string;
  workPhone?: string;
  position?: string;
  departmentId?: string | null;
  supervisorId?: string | null;
  workLocation?: string;
  workStatus?: WorkStatus;
  role?: 'admin' | 'member';
}

const text = (value: string | undefined) => value?.trim() || undefined;

/**
 * Only filled-in fields are sent: each field sent is one the employer "supplied", and the invitee
 * is shown exactly those. A blank field must not turn into a supplied empty value.
 */
function inputOf(fields: Fields): InvitationInput {
  return {
    name: fields.name.trim(),
    workEmail: text(fields.workEmail),
    workPhone: text(fields.workPhone),
    position: text(fields.position),
    workLocation: text(fields.workLocation),
    departmentId: fields.departmentId || undefined,
    supervisorId: fields.supervisorId || undefined,
    workStatus: fields.workStatus,
    role: fields.role === 'admin' ? 'admin' : undefined,
  };
}

/** Invite one person with the fields the employer supplies; the attestation must be ticked first. */
export function InviteForm() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const org = useOrg();
  const [form] = Form.useForm<Fields>();
  const [attested, setAttested] = useState(false);
  const attestation = useAttestationText();
  const send = useOrgChange(org.id, (fields: Fields) => invite(org.id, inputOf(fields), attestation.data?.version ?? ''));

  const submit = (fields: Fields) =>
    send.mutate(fields, {
      onSuccess: (invitation) => {
        message.success(t('adminInvite.sent', { name: invitation.name }));
        form.resetFields();
        // each invitation is its own statement, so the box is ticked again for the next one
        setAttested(false);
      },
    });

  const contactRule = {
    validator: () =>
      text(form.getFieldValue('workEmail') as string | undefined) || text(form.getFieldValue('workPhone') as string | undefined)
        ? Promise.resolve()
        : Promise.reject(new Error(t('errors.contact_required'))),
  };

  return (
    <Form<Fields> form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('field.name')} required rules={[{ required: true, whitespace: true, message: t('adminInvite.nameRequired') }]}>
            <Input maxLength={100} placeholder={t('signIn.namePlaceholder')} data-testid="invite-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="position" label={t('field.position')}>
            <Input maxLength={100} data-testid="invite-position" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="workEmail" label={t('field.workEmail')} dependencies={['workPhone']} rules={[contactRule, { type: 'email', message: t('adminInvite.emailInvalid') }]}>
            <Input maxLength={254} inputMode="email" placeholder="name@company.com" data-testid="invite-email" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="workPhone" label={t('field.workPhone')} dependencies={['workEmail']} rules={[contactRule]} extra={t('adminInvite.phoneHint')}>
            <Input maxLength={32} inputMode="tel" placeholder="+8613812345678" data-testid="invite-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="departmentId" label={t('field.departmentId')}>
            <DepartmentSelect orgId={org.id} testId="invite-department" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="supervisorId" label={t('field.supervisorId')}>
            <MemberSelect orgId={org.id} testId="invite-supervisor" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="workLocation" label={t('field.workLocation')}>
            <Input maxLength={200} data-testid="invite-location" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="workStatus" label={t('field.workStatus')}>
            <WorkStatusSelect allowClear testId="invite-status" />
          </Form.Item>
        </Col>
        {org.myRole === 'owner' && (
          <Col xs={24} md={12}>
            <Form.Item name="role" label={t('adminMembers.role')} initialValue="member">
              <Select
                data-testid="invite-role"
                options={[
                  { value: 'member', label: t('role.member') },
                  { value: 'admin', label: t('role.admin') },
                ]}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item>
        <AttestationCheckbox checked={attested} onChange={setAttested} testId="invite-attestation" />
      </Form.Item>
      <Button type="primary" htmlType="submit" disabled={!attested || !attestation.data} loading={send.isPending} data-testid="invite-submit">
        {t('adminInvite.submit')}
      </Button>
    </Form>
  );
}
