import { Button, Form, Input, Space } from 'antd';
import { updateProfile, type Account } from '../api/account';
import { useAccountUpdate } from '../account/use-account-update';
import { useI18n } from '../i18n/context';

export function NameEditor({ account }: { account: Account }) {
  const { t } = useI18n();
  const save = useAccountUpdate((name: string) => updateProfile({ name }), 'profile.saved');
  return (
    <Form
      layout="inline"
      initialValues={{ name: account.name }}
      onFinish={({ name }: { name: string }) => save.mutate(name.trim())}
    >
      <Space.Compact style={{ width: 360, maxWidth: '100%' }}>
        <Form.Item name="name" noStyle rules={[{ required: true, whitespace: true, message: t('signIn.nameRequired') }]}>
          <Input maxLength={100} autoComplete="name" aria-label={t('profile.name')} data-testid="profile-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Space.Compact>
    </Form>
  );
}
