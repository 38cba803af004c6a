/**
 * The panel's home page: the service's figures (the same as GET /api/v1/admin/stats) and sign-ups and
 * messages per day over the last weeks, from the dashboard handler in admin-panel.ts.
 *
 * Bundled at build time by scripts/bundle-admin-panel.mjs with AdminJS's own bundler; react,
 * react-router-dom, adminjs and the design system are not in the bundle: the panel's page provides
 * them as globals. No chart library: the bars are plain SVG.
 */
import React, { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiClient, ViewHelpers } from 'adminjs';
import { Box, Button, Loader, MessageBox, Text } from '@adminjs/design-system';
import { styled } from '@adminjs/design-system/styled-components';

const api = new ApiClient();
const h = new ViewHelpers();
const numbers = new Intl.NumberFormat('en');
const dayLabel = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });

const Page = styled.div`
  padding: 24px 16px;
  @media (min-width: 577px) {
    padding: 32px;
  }
`;

const Title = styled.h1`
  margin: 0 0 4px;
  font-size: 28px;
  line-height: 36px;
  font-weight: 400;
  color: #0c1e29;
`;

/** Two rows of three figures (accounts, then messaging); two columns on narrow screens. */
const Figures = styled.div`
  display: grid;
  gap: 12px;
  grid-template-columns: repeat(2, minmax(0, 1fr));
  margin: 24px 0;
  @media (min-width: 900px) {
    gap: 16px;
    grid-template-columns: repeat(3, 1fr);
  }
`;

const Charts = styled.div`
  display: grid;
  gap: 16px;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
`;

const Card = styled.div`
  height: 100%;
  box-sizing: border-box;
  background: white;
  border: 1px solid #e7e9ee;
  border-radius: 8px;
  padding: 16px;
  @media (min-width: 577px) {
    padding: 20px 24px;
  }
`;

const StatLink = styled(Link)`
  display: block;
  height: 100%;
  color: inherit;
  text-decoration: none;
  border-radius: 8px;
  &:hover > div,
  &:focus-visible > div {
    border-color: #3040d6;
  }
`;

const Figure = styled.div`
  font-size: 32px;
  line-height: 40px;
  font-weight: 500;
  color: #0c1e29;
  font-variant-numeric: tabular-nums;
`;

const Label = styled.div`
  font-size: 14px;
  line-height: 20px;
  color: #454655;
`;

const Note = styled.div`
  font-size: 12px;
  line-height: 16px;
  color: #898a9a;
  margin-top: 4px;
`;

function StatCard({ label, value, note, to, testId }) {
  const card = (
    <Card data-testid={testId}>
      <Label>{label}</Label>
      <Figure>{numbers.format(value)}</Figure>
      {note ? <Note>{note}</Note> : null}
    </Card>
  );
  return to ? <StatLink to={to}>{card}</StatLink> : card;
}

/** 1, 2, 5, 10, 20, 50...: the smallest at or above `value`, so the axis reads in round figures. */
function niceCeiling(value) {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value);
  return step * magnitude;
}

const CHART_WIDTH = 560;
const CHART_HEIGHT = 140;
const AXIS_WIDTH = 36;
const LABEL_HEIGHT = 22;

/** One bar per day; hovering a bar shows the day and its count. */
function DailyBars({ title, days, field, color, testId }) {
  const values = days.map((day) => day[field]);
  const total = values.reduce((sum, value) => sum + value, 0);
  const top = niceCeiling(Math.max(...values, 0));
  const slot = (CHART_WIDTH - AXIS_WIDTH) / days.length;
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value) => CHART_HEIGHT - (value / top) * CHART_HEIGHT;
  const labelled = new Set([0, Math.floor((days.length - 1) / 2), days.length - 1]);
  return (
    <Card data-testid={testId}>
      <Box flex justifyContent="space-between" alignItems="baseline" mb="lg">
        <Label>{title}</Label>
        <Text fontSize="sm" color="grey60">
          {numbers.format(total)} in {days.length} days
        </Text>
      </Box>
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT + LABEL_HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`${title}: ${numbers.format(total)} in the last ${days.length} days`}
        style={{ display: 'block', overflow: 'visible' }}
      >
        {[top, top / 2, 0].map((value) => (
          <g key={value}>
            <line x1={AXIS_WIDTH} x2={CHART_WIDTH} y1={y(value)} y2={y(value)} stroke="#eeeeef" />
            <text x={AXIS_WIDTH - 8} y={y(value) + 4} textAnchor="end" fontSize="11" fill="#898a9a">
              {Number.isInteger(value) ? numbers.format(value) : ''}
            </text>
          </g>
        ))}
        {days.map((day, index) => {
          const x = AXIS_WIDTH + index * slot + (slot - barWidth) / 2;
          const value = day[field];
          return (
            <g key={day.day}>
              <rect x={x} y={y(value)} width={barWidth} height={Math.max(0, CHART_HEIGHT - y(value))} rx="1.5" fill={color}>
                <title>{`${dayLabel.format(new Date(day.day))}: ${numbers.format(value)}`}</title>
              </rect>
              {/* Empty days still get a hover target. */}
              <rect x={x} y={0} width={barWidth} height={CHART_HEIGHT} fill="transparent">
                <title>{`${dayLabel.format(new Date(day.day))}: ${numbers.format(value)}`}</title>
              </rect>
              {labelled.has(index) ? (
                <text x={x + barWidth / 2} y={CHART_HEIGHT + 16} textAnchor="middle" fontSize="11" fill="#898a9a">
                  {index === days.length - 1 ? 'Today' : dayLabel.format(new Date(day.day))}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </Card>
  );
}

const Dashboard = () => {
  const [data, setData] = useState(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(() => {
    setFailed(false);
    api.getDashboard().then(
      (response) => setData(response.data),
      () => setFailed(true),
    );
  }, []);
  useEffect(load, [load]);

  if (failed) {
    return (
      <Page data-testid="dashboard">
        <MessageBox message="The figures could not be loaded." variant="danger">
          <Button size="sm" mt="default" onClick={load}>
            Try again
          </Button>
        </MessageBox>
      </Page>
    );
  }
  if (!data) {
    return (
      <Page data-testid="dashboard">
        <Loader />
      </Page>
    );
  }

  const { stats, activity } = data;
  const inactive = stats.users - stats.active_users;
  return (
    <Page data-testid="dashboard">
      <Title>Overview</Title>
      <Text color="grey60">Figures across the whole service; days are UTC days.</Text>
      <Figures>
        <StatCard
          testId="stat-users"
          label="Users"
          value={stats.users}
          note={`${numbers.format(inactive)} deactivated`}
          to={h.resourceUrl({ resourceId: 'users' })}
        />
        <StatCard testId="stat-active-users" label="Active users" value={stats.active_users} note="Can sign in" />
        <StatCard testId="stat-staff-users" label="Staff" value={stats.staff_users} note="Can use this panel" />
        <StatCard
          testId="stat-conversations"
          label="Conversations"
          value={stats.conversations}
          note="Direct and group"
          to={h.resourceUrl({ resourceId: 'conversations' })}
        />
        <StatCard
          testId="stat-messages"
          label="Messages"
          value={stats.messages}
          note="Ever sent"
          to={h.resourceUrl({ resourceId: 'messages' })}
        />
        <StatCard testId="stat-messages-today" label="Messages today" value={stats.messages_today} note="Since midnight UTC" />
      </Figures>
      <Charts>
        <DailyBars testId="chart-sign-ups" title="Sign-ups per day" days={activity} field="sign_ups" color="#3040d6" />
        <DailyBars testId="chart-messages" title="Messages per day" days={activity} field="messages" color="#0e9f6e" />
      </Charts>
    </Page>
  );
};

export default Dashboard;
