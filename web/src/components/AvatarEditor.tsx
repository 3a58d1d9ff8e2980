import { DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { removeAvatar, uploadAvatar, type Account } from '../api/account';
import { useAccountUpdate } from '../account/use-account-update';
import { useI18n } from '../i18n/context';
import { AccountAvatar } from './AccountAvatar';
import { AvatarUploadButton } from './AvatarUploadButton';

export function AvatarEditor({ account }: { account: Account }) {
  const { t } = useI18n();
  const upload = useAccountUpdate((file: File) => uploadAvatar(file, file.type), 'profile.avatarUpdated');
  const remove = useAccountUpdate(() => removeAvatar(), 'profile.avatarRemoved');

  return (
    <Flex align="center" gap={24} wrap>
      <AccountAvatar account={account} size={96} />
      <Flex vertical gap={8}>
        <Flex gap={8} wrap>
          <AvatarUploadButton label={t('profile.uploadAvatar')} loading={upload.isPending} upload={(file) => upload.mutateAsync(file)} testId="avatar-upload" />
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
