import { AimOutlined, AudioOutlined, CameraOutlined, ContactsOutlined, PictureOutlined } from '@ant-design/icons';
import { Card, Divider, Flex, Skeleton, Tag, Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';
import type { DevicePermission } from '../../../../common/permissions.ts';
import { useDevicePermissions } from '../../api/permissions';
import { useI18n } from '../../i18n/context';
import { asHeading, permissionLabel } from '../../privacy/permission-labels';
import { QueryFailure } from '../QueryFailure';
import { PermissionFunctionRow } from './PermissionFunctionRow';
import { PermissionHistory } from './PermissionHistory';

const icons: Record<DevicePermission, ReactNode> = {
  address_book: <ContactsOutlined />,
  location: <AimOutlined />,
  camera: <CameraOutlined />,
  microphone: <AudioOutlined />,
  photo_album: <PictureOutlined />,
};

/**
 * "Device permissions" (P0.3): the five permissions the policy names, each off until granted for
 * a named function with its purpose, withdrawable at any time, with the record of every decision.
 */
export function DevicePermissions() {
  const { t } = useI18n();
  const permissions = useDevicePermissions();

  return (
    <Card title={t('permissions.title')} id="permissions" data-testid="privacy-permissions" style={{ scrollMarginTop: 80 }}>
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('permissions.intro')}</Typography.Text>
        {permissions.isError ? (
          <QueryFailure error={permissions.error} onRetry={() => void permissions.refetch()} />
        ) : permissions.isPending ? (
          <Skeleton active />
        ) : (
          permissions.data.map((entry, index) => (
            <Fragment key={entry.permission}>
              {index > 0 && <Divider style={{ margin: 0 }} />}
              <Flex gap={12} align="start" data-testid="device-permission" data-permission={entry.permission}>
                <span style={{ fontSize: 20, color: '#1f5fbf', lineHeight: '22px' }}>{icons[entry.permission] ?? null}</span>
                <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }}>
                  <Flex gap={8} align="center">
                    <Typography.Text strong>{asHeading(permissionLabel(entry.permission, t))}</Typography.Text>
                    {/* no function to grant it for: off, with nothing to switch */}
                    {entry.functions.length === 0 && <Tag data-testid="permission-state">{t('permissions.off')}</Tag>}
                  </Flex>
                  {entry.functions.length === 0 ? (
                    <Typography.Text type="secondary" data-testid="permission-unused">
                      {t('permissions.unused')}
                    </Typography.Text>
                  ) : (
                    entry.functions.map((fn) => <PermissionFunctionRow key={fn.function} permission={entry.permission} entry={fn} />)
                  )}
                </Flex>
              </Flex>
            </Fragment>
          ))
        )}
        <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
          {t('permissions.history')}
        </Typography.Title>
        <PermissionHistory />
      </Flex>
    </Card>
  );
}
