import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Segmented, Skeleton, Tree, Typography, type TreeDataNode } from 'antd';
import { useState } from 'react';
import { useDepartments } from '../../api/departments';
import { useMembers } from '../../api/members';
import { QueryFailure } from '../../components/QueryFailure';
import { ChartPerson } from '../../components/org/ChartPerson';
import { MemberProfileDrawer } from '../../components/org/MemberProfileDrawer';
import { useI18n } from '../../i18n/context';
import { departmentPath } from '../../org/department-tree';
import { departmentChart, reportingLines, type DepartmentChartNode, type ReportingNode } from '../../org/org-chart';
import { useOrg } from '../../org/org-context';
import { useProfileParam } from '../../org/use-profile-param';

type View = 'departments' | 'reporting';

/** The organisation at a glance: by department, or by who reports to whom. */
export default function OrgChartPage() {
  const { t } = useI18n();
  const org = useOrg();
  const [view, setView] = useState<View>('departments');
  const profile = useProfileParam();
  const departments = useDepartments(org.id);
  const members = useMembers(org.id);

  const failure = departments.error ?? members.error;
  const ready = departments.data && members.data;

  const departmentTitle = (name: string, count: number, id: string) => (
    <Flex align="center" gap={8} data-testid="chart-department" data-department-id={id}>
      <ApartmentOutlined style={{ color: '#1f5fbf' }} />
      <Typography.Text strong>{name}</Typography.Text>
      <Typography.Text type="secondary">{t('chart.people', { count })}</Typography.Text>
    </Flex>
  );

  const departmentNodes = (nodes: DepartmentChartNode[]): TreeDataNode[] =>
    nodes.map((node) => ({
      key: `d:${node.department.id}`,
      title: departmentTitle(node.department.name, node.members.length, node.department.id),
      children: [
        ...departmentNodes(node.children),
        ...node.members.map((member) => ({ key: `m:${member.id}`, isLeaf: true, title: <ChartPerson member={member} onOpen={() => profile.open(member.id)} /> })),
      ],
    }));

  const reportingNodes = (nodes: ReportingNode[]): TreeDataNode[] =>
    nodes.map((node) => ({
      key: `r:${node.member.id}`,
      title: (
        <ChartPerson
          member={node.member}
          detail={departmentPath(departments.data ?? [], node.member.departmentId) || undefined}
          onOpen={() => profile.open(node.member.id)}
        />
      ),
      children: reportingNodes(node.reports),
    }));

  let treeData: TreeDataNode[] = [];
  if (ready) {
    if (view === 'departments') {
      const { tree, unassigned } = departmentChart(departments.data, members.data);
      treeData = departmentNodes(tree);
      if (unassigned.length) {
        treeData.push({
          key: 'unassigned',
          title: (
            <Flex align="center" gap={8} data-testid="chart-department" data-department-id="">
              <TeamOutlined />
              <Typography.Text strong>{t('chart.unassigned')}</Typography.Text>
              <Typography.Text type="secondary">{t('chart.people', { count: unassigned.length })}</Typography.Text>
            </Flex>
          ),
          children: unassigned.map((member) => ({ key: `m:${member.id}`, isLeaf: true, title: <ChartPerson member={member} onOpen={() => profile.open(member.id)} /> })),
        });
      }
    } else {
      treeData = reportingNodes(reportingLines(members.data));
    }
  }

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{view === 'departments' ? t('chart.departmentsHint') : t('chart.reportingHint')}</Typography.Text>
        <Segmented<View>
          value={view}
          onChange={setView}
          data-testid="chart-view"
          options={[
            { value: 'departments', label: t('chart.byDepartment') },
            { value: 'reporting', label: t('chart.byReporting') },
          ]}
        />
      </Flex>
      {failure ? (
        <QueryFailure error={failure} onRetry={() => void Promise.all([departments.refetch(), members.refetch()])} />
      ) : !ready ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : treeData.length === 0 ? (
        <Empty description={t('chart.empty')} />
      ) : (
        // keyed by view so each view opens fully expanded
        <Tree key={view} showLine blockNode selectable={false} defaultExpandAll treeData={treeData} data-testid="org-chart" />
      )}
      <MemberProfileDrawer memberId={profile.memberId} onClose={profile.close} onOpenMember={profile.open} />
    </Card>
  );
}
