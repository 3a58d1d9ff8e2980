import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntdApp } from 'antd';
import { QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, createRoutesFromElements, Navigate, Route, RouterProvider } from 'react-router-dom';
import { RequireSignIn } from './account/RequireSignIn';
import { AccountSection } from './components/AccountSection';
import { AdminSection } from './components/admin/AdminSection';
import { AppLayout } from './components/AppLayout';
import { CrashBoundary } from './components/CrashBoundary';
import { OrgSection } from './components/org/OrgSection';
import { PageLoading } from './components/PageLoading';
import { RouteCrash } from './components/RouteCrash';
import { I18nProvider } from './i18n/I18nProvider';
import { queryClient } from './query-client';

// pages load on demand, so the public catalogue does not wait for account screens
const CataloguePage = lazy(() => import('./pages/CataloguePage'));
const ProductPage = lazy(() => import('./pages/ProductPage'));
const SignInPage = lazy(() => import('./pages/SignInPage'));
const ProfilePage = lazy(() => import('./pages/ProfilePage'));
const SessionsPage = lazy(() => import('./pages/SessionsPage'));
const SecurityLogPage = lazy(() => import('./pages/SecurityLogPage'));
const PrivacyPage = lazy(() => import('./pages/PrivacyPage'));
const PolicyPage = lazy(() => import('./pages/PolicyPage'));
const PrivacyCentrePage = lazy(() => import('./pages/PrivacyCentrePage'));
const DevOutboxPage = lazy(() => import('./pages/DevOutboxPage'));
const GuardianConsentPage = lazy(() => import('./pages/GuardianConsentPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const InvitationsPage = lazy(() => import('./pages/org/InvitationsPage'));
const ContactsPage = lazy(() => import('./pages/ContactsPage'));
const ContactsChatPage = lazy(() => import('./pages/ContactsChatPage'));
const CreateOrganisationPage = lazy(() => import('./pages/org/CreateOrganisationPage'));
const DirectoryPage = lazy(() => import('./pages/org/DirectoryPage'));
const OrgChartPage = lazy(() => import('./pages/org/OrgChartPage'));
const MyRecordPage = lazy(() => import('./pages/org/MyRecordPage'));
const MessagesPage = lazy(() => import('./pages/org/MessagesPage'));
const AdminMembersPage = lazy(() => import('./pages/admin/AdminMembersPage'));
const AdminInvitationsPage = lazy(() => import('./pages/admin/AdminInvitationsPage'));
const AdminDepartmentsPage = lazy(() => import('./pages/admin/AdminDepartmentsPage'));
const CorrectionQueuePage = lazy(() => import('./pages/admin/CorrectionQueuePage'));
const AuditLogPage = lazy(() => import('./pages/admin/AuditLogPage'));
const OrgSettingsPage = lazy(() => import('./pages/admin/OrgSettingsPage'));
const RequestQueuePage = lazy(() => import('./pages/operator/RequestQueuePage'));
const PolicyEditorPage = lazy(() => import('./pages/operator/PolicyEditorPage'));

function Lazy({ page }: { page: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{page}</Suspense>;
}

// A data router, not <BrowserRouter>: sign-out needs navigate(..., { flushSync }) so that the
// page has left /me before the account is forgotten (else the /me guard redirects first).
const router = createBrowserRouter(
  createRoutesFromElements(
    <Route element={<AppLayout />} errorElement={<RouteCrash />}>
      <Route index element={<Lazy page={<CataloguePage />} />} />
      <Route path="products/:slug" element={<Lazy page={<ProductPage />} />} />
      <Route path="sign-in" element={<Lazy page={<SignInPage />} />} />
      <Route path="privacy" element={<Lazy page={<PrivacyPage />} />} />
      <Route path="policy" element={<Lazy page={<PolicyPage />} />} />
      <Route path="dev/outbox" element={<Lazy page={<DevOutboxPage />} />} />
      {/* the link in the message to a child's parent or guardian: no account needed */}
      <Route path="guardian/:consentId" element={<Lazy page={<GuardianConsentPage />} />} />
      <Route path="me" element={<RequireSignIn />}>
        <Route element={<AccountSection />}>
          <Route index element={<Lazy page={<ProfilePage />} />} />
          <Route path="sessions" element={<Lazy page={<SessionsPage />} />} />
          <Route path="security" element={<Lazy page={<SecurityLogPage />} />} />
          <Route path="privacy" element={<Lazy page={<PrivacyCentrePage />} />} />
        </Route>
      </Route>
      <Route element={<RequireSignIn />}>
        <Route path="invitations" element={<Lazy page={<InvitationsPage />} />} />
        <Route path="contacts" element={<Lazy page={<ContactsPage />} />} />
        {/* chats between contacts: the chat pages without an organisation around them (decision 0012) */}
        <Route path="contacts/chat/:conversationId?" element={<Lazy page={<ContactsChatPage />} />} />
        <Route path="orgs/new" element={<Lazy page={<CreateOrganisationPage />} />} />
        {/* the operator's staff (LOCKSTEP_OPERATORS); the server refuses everyone else */}
        <Route path="operator/requests" element={<Lazy page={<RequestQueuePage />} />} />
        <Route path="operator/policy" element={<Lazy page={<PolicyEditorPage />} />} />
        <Route path="org/:orgId" element={<OrgSection />}>
          <Route index element={<Navigate to="directory" replace />} />
          {/* one route, so that opening another chat keeps the list and the search where they are */}
          <Route path="chat/:conversationId?" element={<Lazy page={<MessagesPage />} />} />
          <Route path="directory" element={<Lazy page={<DirectoryPage />} />} />
          <Route path="chart" element={<Lazy page={<OrgChartPage />} />} />
          <Route path="me" element={<Lazy page={<MyRecordPage />} />} />
          <Route path="admin" element={<AdminSection />}>
            <Route index element={<Navigate to="members" replace />} />
            <Route path="members" element={<Lazy page={<AdminMembersPage />} />} />
            <Route path="invitations" element={<Lazy page={<AdminInvitationsPage />} />} />
            <Route path="departments" element={<Lazy page={<AdminDepartmentsPage />} />} />
            <Route path="corrections" element={<Lazy page={<CorrectionQueuePage />} />} />
            <Route path="audit" element={<Lazy page={<AuditLogPage />} />} />
            <Route path="settings" element={<Lazy page={<OrgSettingsPage />} />} />
          </Route>
        </Route>
      </Route>
      <Route path="*" element={<Lazy page={<NotFoundPage />} />} />
    </Route>,
  ),
);

export function App() {
  return (
    <I18nProvider>
      <AntdApp>
        <CrashBoundary>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </CrashBoundary>
      </AntdApp>
    </I18nProvider>
  );
}
