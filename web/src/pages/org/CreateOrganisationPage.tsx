import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { createOrganisation } from '../../api/organisations';
import { queryKeys } from '../../api/query-keys';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages.zh-CN';
import { rememberOrg } from '../../org/remembered-org';

/** Where the deployment keeps the organisation's data; a code, shown with a name. */
const regions = ['CN', 'HK', 'SG', 'EU', 'US'] as const;

interface Fields {
  name: string;
  region: string;
}

/** Registering an organisation: the person becomes its owner and lands in its admin console. */
export default function CreateOrganisationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (fields: Fields) => createOrganisation({ name: fields.name.trim(), region: fields.region }),
    onSuccess: async (organisation) => {
      rememberOrg(organisation.id);
      await queryClient.invalidateQueries({ queryKey: queryKeys.organisations });
      await navigate(`/org/${encodeURIComponent(organisation.id)}/admin/members`);
    },
  });

  return (
    <Flex justify="center" style={{ paddingTop: 24 }}>
      <Card style={{ width: 520, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('createOrg.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('createOrg.subtitle')}</Typography.Paragraph>
        <Form<Fields> layout="vertical" requiredMark={false} initialValues={{ name: '', region: 'CN' }} onFinish={(fields) => create.mutate(fields)}>
          <Form.Item name="name" label={t('createOrg.name')} rules={[{ required: true, whitespace: true, message: t('createOrg.nameRequired') }]}>
            <Input size="large" maxLength={100} autoFocus placeholder={t('createOrg.namePlaceholder')} data-testid="org-name" />
          </Form.Item>
          <Form.Item name="region" label={t('createOrg.region')} extra={t('createOrg.regionHint')}>
            <Select
              size="large"
              data-testid="org-region"
              options={regions.map((region) => ({ value: region, label: `${t(`region.${region}` as MessageKey)} (${region})` }))}
            />
          </Form.Item>
          {create.isError && <Alert type="error" showIcon title={errorText(create.error, t)} style={{ marginBottom: 16 }} data-testid="org-create-error" />}
          <Button type="primary" size="large" htmlType="submit" block loading={create.isPending} data-testid="org-create-submit">
            {t('createOrg.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
