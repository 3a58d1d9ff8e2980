import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { ContactVisibility } from '../../../../common/org.ts';
import { changeOrganisationSettings } from '../../api/organisations';
import { queryKeys } from '../../api/query-keys';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/context';
import { useOrg } from '../../org/org-context';
import { useOrgChange } from '../../org/use-org-change';

interface Fields {
  name: string;
  contactVisibility: ContactVisibility;
}

/** Admin console › Settings: the organisation's name, and how much of colleagues' contact data members see (P7.2). */
export default function OrgSettingsPage() {
  const { t, formatDate } = useI18n();
  const org = useOrg();
  const queryClient = useQueryClient();
  const save = useOrgChange(
    org.id,
    (fields: Fields) => {
      const changes: Partial<Fields> = {};
      if (fields.name.trim() !== org.name) changes.name = fields.name.trim();
      if (fields.contactVisibility !== org.contactVisibility) changes.contactVisibility = fields.contactVisibility;
      return changeOrganisationSettings(org.id, changes);
    },
    'settings.saved',
  );

  return (
    <Card>
      <PageHeading title={t('admin.nav.settings')} subtitle={t('settings.subtitle')} />
      <Form<Fields>
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: org.name, contactVisibility: org.contactVisibility }}
        // the name also shows in the header's switcher, which lists all my organisations
        onFinish={(fields) => save.mutate(fields, { onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.organisations }) })}
        style={{ maxWidth: 640 }}
      >
        <Form.Item name="name" label={t('createOrg.name')} rules={[{ required: true, whitespace: true, message: t('createOrg.nameRequired') }]}>
          <Input maxLength={100} data-testid="settings-name" />
        </Form.Item>
        <Form.Item name="contactVisibility" label={t('settings.contactVisibility')}>
          <Radio.Group data-testid="settings-visibility">
            <Space orientation="vertical" size={12}>
              <Radio value="masked" data-testid="settings-visibility-masked">
                <Typography.Text strong>{t('visibility.masked')}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{t('settings.maskedExplain')}</Typography.Text>
                </div>
              </Radio>
              <Radio value="full" data-testid="settings-visibility-full">
                <Typography.Text strong>{t('visibility.full')}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{t('settings.fullExplain')}</Typography.Text>
                </div>
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Alert type="info" showIcon title={t('settings.adminsAlways')} style={{ marginBottom: 16 }} />
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'region', label: t('createOrg.region'), children: org.region },
            { key: 'createdAt', label: t('settings.createdAt'), children: formatDate(org.createdAt) },
          ]}
        />
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
