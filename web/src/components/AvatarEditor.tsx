import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { removeAvatar, uploadAvatar, type Account } from '../api/account';
import { useAccountUpdate } from '../account/use-account-update';
import { useI18n } from '../i18n/context';
import { AccountAvatar } from './AccountAvatar';

const acceptedTypes = ['image/png', 'image/jpeg', 'image/webp'];
const maxBytes = 2 * 1024 * 1024;

export function AvatarEditor({ account }: { account: Account }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const upload = useAccountUpdate((file: File) => uploadAvatar(file, file.type), 'profile.avatarUpdated');
  const remove = useAccountUpdate(() => removeAvatar(), 'profile.avatarRemoved');

  return (
    <Flex align="center" gap={24} wrap>
      <AccountAvatar account={account} size={96} />
      <Flex vertical gap={8}>
        <Flex gap={8} wrap>
          <Upload
            accept={acceptedTypes.join(',')}
            showUploadList={false}
            // checked here too so the person hears about it before uploading 20 MB for nothing
            beforeUpload={(file) => {
              if (!acceptedTypes.includes(file.type)) {
                message.error(t('errors.avatar_invalid'));
                return Upload.LIST_IGNORE;
              }
              if (file.size > maxBytes) {
                message.error(t('errors.payload_too_large'));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            // the API takes the raw image bytes in a PUT, not the multipart POST Upload would send
            customRequest={({ file, onSuccess, onError }) => {
              upload.mutate(file as File, {
                onSuccess: (account) => onSuccess?.(account),
                onError: (error) => onError?.(error),
              });
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="avatar-upload">
              {t('profile.uploadAvatar')}
            </Button>
          </Upload>
          {account.avatarUrl && (
            <Button icon={<DeleteOutlined />} loading={remove.isPending} onClick={() => remove.mutate(undefined)} data-testid="avatar-remove">
              {t('profile.removeAvatar')}
            </Button>
          )}
        </Flex>
        <Typography.Text type="secondary">{t('profile.avatarHint')}</Typography.Text>
      </Flex>
    </Flex>
  );
}
