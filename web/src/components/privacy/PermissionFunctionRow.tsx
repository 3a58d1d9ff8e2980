import { Flex, Popconfirm, Switch, Tag, Typography, type ButtonProps } from 'antd';
import type { DevicePermission } from '../../../../common/permissions.ts';
import type { PermissionFunctionState } from '../../api/permissions';
import { useI18n } from '../../i18n/context';
import { functionLabel, permissionLabel } from '../../privacy/permission-labels';
import { useSetPermission } from '../../privacy/use-set-permission';

/**
 * One named function that may use a permission: what it is for, whether it is on, and a switch.
 * Turning it on is the express grant, made with the purpose in view; turning it off asks first
 * and says what stops and what is deleted.
 */
export function PermissionFunctionRow({ permission, entry }: { permission: DevicePermission; entry: PermissionFunctionState }) {
  const { t, pick, formatDateTime } = useI18n();
  const change = useSetPermission();
  const names = { function: functionLabel(entry.function, t), permission: permissionLabel(permission, t) };
  const pending = change.isPending;

  return (
    <Flex gap={16} align="start" justify="space-between" data-testid="permission-function" data-function={entry.function} data-granted={String(entry.granted)}>
      <Flex vertical gap={4} style={{ minWidth: 0 }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{names.function}</Typography.Text>
          {entry.granted ? (
            <Tag color="green" data-testid="permission-state">
              {t('permissions.on')}
            </Tag>
          ) : (
            <Tag data-testid="permission-state">{t('permissions.off')}</Tag>
          )}
          {entry.granted && entry.since && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('permissions.since', { time: formatDateTime(entry.since) })}
            </Typography.Text>
          )}
        </Flex>
        <Typography.Text type="secondary" data-testid="permission-purpose">
          {pick(entry.purpose)}
        </Typography.Text>
      </Flex>
      <Popconfirm
        title={t('permissions.withdrawTitle', names)}
        description={
          <Flex vertical gap={8} style={{ maxWidth: 320 }}>
            <span>{t('permissions.withdrawBody', names)}</span>
            <Typography.Text strong data-testid="permission-withdrawal-deletes">
              {pick(entry.withdrawal)}
            </Typography.Text>
          </Flex>
        }
        okText={t('permissions.withdrawOk')}
        okButtonProps={{ danger: true, 'data-testid': 'permission-withdraw-confirm' } as ButtonProps}
        cancelText={t('common.cancel')}
        // only a withdrawal asks: a grant is the click itself, next to the purpose it is for
        disabled={!entry.granted || pending}
        onConfirm={() => change.mutateAsync({ function: entry.function, granted: false }).catch(() => undefined)}
      >
        <Switch
          checked={entry.granted}
          loading={pending}
          aria-label={t('permissions.toggle', names)}
          data-testid="permission-switch"
          onChange={(checked) => {
            if (checked) change.mutate({ function: entry.function, granted: true });
          }}
        />
      </Popconfirm>
    </Flex>
  );
}
