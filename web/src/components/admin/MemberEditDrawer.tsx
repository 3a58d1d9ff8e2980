import { Alert, Button, Col, Drawer, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { updateMember, type Member } from '../../api/members';
import { useI18n } from '../../i18n/context';
import { changesBetween, fieldsOf, type MemberFields } from '../../org/member-edits';
import { useOrg } from '../../org/org-context';
import { useOrgChange } from '../../org/use-org-change';
import { DepartmentSelect } from '../org/DepartmentSelect';
import { MemberSelect } from '../org/MemberSelect';
import { WorkStatusSelect } from '../org/WorkStatusSelect';

interface Props {
  member: Member | null;
  onClose(): void;
}

/** An admin edits a colleague's record; only the owner decides who is an admin. */
export function MemberEditDrawer({ member, onClose }: Props) {
  const { t } = useI18n();
  const org = useOrg();
  const [form] = Form.useForm<MemberFields>();
  const isOwner = org.myRole === 'owner';
  const save = useOrgChange(org.id, (input: { member: Member; fields: MemberFields }) => updateMember(org.id, input.member.id, changesBetween(input.member, input.fields, isOwner)), 'adminMembers.saved');

  const submit = (fields: MemberFields) => {
    if (!member) return;
    if (Object.keys(changesBetween(member, fields, isOwner)).length === 0) return onClose();
    save.mutate({ member, fields }, { onSuccess: onClose });
  };

  return (
    <Drawer
      open={member !== null}
      onClose={onClose}
      size={560}
      title={member ? t('adminMembers.editTitle', { name: member.name }) : ''}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="member-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {member && (
        <Form<MemberFields> key={member.id} form={form} layout="vertical" requiredMark={false} initialValues={fieldsOf(member)} onFinish={submit}>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('adminInvite.nameRequired') }]}>
                <Input maxLength={100} data-testid="member-form-name" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="position" label={t('field.position')}>
                <Input maxLength={100} data-testid="member-form-position" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="departmentId" label={t('field.departmentId')}>
                <DepartmentSelect orgId={org.id} testId="member-form-department" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="supervisorId" label={t('field.supervisorId')}>
                <MemberSelect orgId={org.id} excludedId={member.id} testId="member-form-supervisor" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="workStatus" label={t('field.workStatus')}>
                <WorkStatusSelect testId="member-form-status" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="workLocation" label={t('field.workLocation')}>
                <Input maxLength={200} data-testid="member-form-location" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="workEmail" label={t('field.workEmail')} extra={t('adminMembers.keepContact')}>
                <Input maxLength={254} inputMode="email" placeholder={member.workEmailMasked ?? 'name@company.com'} data-testid="member-form-email" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="workPhone" label={t('field.workPhone')} extra={t('adminMembers.keepContact')}>
                <Input maxLength={32} inputMode="tel" placeholder={member.workPhoneMasked ?? '+8613812345678'} data-testid="member-form-phone" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item label={t('adminMembers.role')} name={member.role === 'owner' ? undefined : 'role'} extra={!isOwner && member.role !== 'owner' ? t('adminMembers.roleOwnerOnly') : undefined}>
                {member.role === 'owner' ? (
                  <Typography.Text>{t('role.owner')}</Typography.Text>
                ) : (
                  <Select
                    disabled={!isOwner}
                    data-testid="member-form-role"
                    options={[
                      { value: 'member', label: t('role.member') },
                      { value: 'admin', label: t('role.admin') },
                    ]}
                  />
                )}
              </Form.Item>
            </Col>
          </Row>
          <Alert type="info" showIcon title={t('adminMembers.suppliedNote')} />
        </Form>
      )}
    </Drawer>
  );
}
