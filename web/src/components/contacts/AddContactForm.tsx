import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { sendContactRequest } from '../../api/contacts';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';

/**
 * Asks someone to be a contact by their exact mobile number or email. The answer is the same
 * whether or not anyone uses it, so the page says only what would happen if someone does.
 */
export function AddContactForm() {
  const { t } = useI18n();
  const [identifier, setIdentifier] = useState('');
  const send = useMutation({ mutationFn: (value: string) => sendContactRequest(value) });
  const value = identifier.trim();

  return (
    <Card title={t('contacts.add.title')} data-testid="contacts-add">
      <Form layout="vertical" requiredMark={false} onFinish={() => value && send.mutate(value, { onSuccess: () => setIdentifier('') })}>
        <Form.Item label={t('contacts.add.label')} extra={t('contacts.add.hint')} style={{ marginBottom: 12 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={identifier}
              onChange={(event) => {
                setIdentifier(event.target.value);
                if (!send.isPending) send.reset();
              }}
              placeholder={t('contacts.add.placeholder')}
              autoComplete="off"
              maxLength={300}
              data-testid="contacts-add-identifier"
            />
            <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} disabled={!value} loading={send.isPending} data-testid="contacts-add-submit">
              {t('contacts.add.submit')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      {send.isSuccess && <Alert type="info" showIcon title={t('contacts.add.sent')} data-testid="contacts-add-sent" />}
      {send.isError && <Alert type="error" showIcon title={errorText(send.error, t)} data-testid="contacts-add-error" />}
    </Card>
  );
}
