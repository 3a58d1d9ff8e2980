import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload } from 'antd';
import { useI18n } from '../i18n/context';

const acceptedTypes = ['image/png', 'image/jpeg', 'image/webp'];
const maxBytes = 2 * 1024 * 1024;

interface Props {
  label: string;
  loading: boolean;
  /** called with a file already checked for type and size; its promise settles the upload */
  upload(file: File): Promise<unknown>;
  testId: string;
}

/** Picks a picture for an avatar (a person's or a group's) and hands over the raw file. */
export function AvatarUploadButton({ label, loading, upload, testId }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
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
        upload(file as File).then(
          (answer) => onSuccess?.(answer),
          (error: unknown) => onError?.(error as Error),
        );
      }}
    >
      <Button icon={<UploadOutlined />} loading={loading} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}
