import { lazy, Suspense, type ReactNode } from 'react';
import { App as AntdApp } from 'antd';
import { QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, createRoutesFromElements, Route, RouterProvider } from 'react-router-dom';
import { RequireSignIn } from './account/RequireSignIn';
import { AccountSection } from './components/AccountSection';
import { AppLayout } from './components/AppLayout';
import { CrashBoundary } from './components/CrashBoundary';
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
const DevOutboxPage = lazy(() => import('./pages/DevOutboxPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

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
      <Route path="dev/outbox" element={<Lazy page={<DevOutboxPage />} />} />
      <Route path="me" element={<RequireSignIn />}>
        <Route element={<AccountSection />}>
          <Route index element={<Lazy page={<ProfilePage />} />} />
          <Route path="sessions" element={<Lazy page={<SessionsPage />} />} />
          <Route path="security" element={<Lazy page={<SecurityLogPage />} />} />
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
