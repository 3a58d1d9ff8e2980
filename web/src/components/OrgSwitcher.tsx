import { ApartmentOutlined, CheckOutlined, DownOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Dropdown, Grid, Space } from 'antd';
import { useMatch, useNavigate } from 'react-router-dom';
import { useOrganisations } from '../api/organisations';
import { useI18n } from '../i18n/context';
import { rememberedOrgId, rememberOrg } from '../org/remembered-org';

const createKey = '__create__';

/**
 * The header's organisation menu, as in Lark: the organisations I belong to, the one I am in
 * ticked, and a way to register a new one. Picking one opens its directory and is remembered.
 */
export function OrgSwitcher() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const compact = !Grid.useBreakpoint().md;
  const organisations = useOrganisations();
  const inOrg = useMatch('/org/:orgId/*')?.params.orgId;
  const list = organisations.data ?? [];
  const currentId = inOrg ?? rememberedOrgId();
  const current = list.find((org) => org.id === currentId) ?? list[0];

  const menu = {
    items: [
      ...list.map((org) => ({
        key: org.id,
        icon: org.id === current?.id ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />,
        label: <span data-testid="org-switcher-item">{org.name}</span>,
      })),
      ...(list.length ? [{ type: 'divider' as const }] : []),
      { key: createKey, icon: <PlusOutlined />, label: <span data-testid="org-switcher-create">{t('orgSwitcher.create')}</span> },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === createKey) return void navigate('/orgs/new');
      rememberOrg(key);
      void navigate(`/org/${encodeURIComponent(key)}/directory`);
    },
  };

  return (
    <Dropdown menu={menu} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="org-switcher" aria-label={t('orgSwitcher.label')} title={t('orgSwitcher.label')} style={{ paddingInline: compact ? 6 : undefined }}>
        <Space size={6}>
          <ApartmentOutlined />
          {!compact && (
            <span data-testid="org-switcher-current" style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', display: 'inline-block', verticalAlign: 'bottom' }}>
              {current?.name ?? t('orgSwitcher.none')}
            </span>
          )}
          {!compact && <DownOutlined style={{ fontSize: 10 }} />}
        </Space>
      </Button>
    </Dropdown>
  );
}
