// Parcours dashboard: every figure comes from GET /api/journeys/{key}/stats, as is.
'use strict';

const state = { csrfHeader: null, csrfToken: null };

// every chart on the page, so that each follows its container when the window changes size
const charts = new Set();
function chart(container) {
  const drawn = echarts.getInstanceByDom(container) || echarts.init(container);
  charts.add(drawn);
  return drawn;
}
window.addEventListener('resize', () => charts.forEach(drawn => {
  // a contact looked up again replaced the one before, and its chart
  if (drawn.getDom().isConnected) drawn.resize(); else { drawn.dispose(); charts.delete(drawn); }
}));

const EXAMPLE_SCRIPTS = {
  'welcome': [{ after: 'P0D', type: 'contact.signed_up' },
    { after: 'P3D', type: 'order.completed', properties: { orderId: 'test-order', value: 49.9, currency: 'EUR' } }],
  'abandoned-cart': [{ after: 'P0D', type: 'cart.abandoned', properties: { cartId: 'test-cart', value: 89.0,
    currency: 'EUR', items: [{ sku: 'SKU-1', name: 'Sneakers', quantity: 1, price: 89.0 }],
    cartUrl: 'https://shop.example/cart/test-cart' } }],
  'b2b-nurturing': [{ after: 'P0D', type: 'lead.created', properties: { company: 'Acme', jobTitle: 'CTO',
    companySize: 120, industry: 'Software', country: 'FR', source: 'webinar' } },
    { after: 'P2D', type: 'lead.activity', properties: { activity: 'pricing_viewed' } }]
};

async function api(path, options = {}) {
  // X-Requested-With: a 401 then comes without the Basic challenge, so no browser sign-in dialog
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...(options.headers || {}) };
  if (options.method && options.method !== 'GET' && state.csrfHeader) {
    headers[state.csrfHeader] = state.csrfToken;
  }
  const response = await fetch(path, { credentials: 'same-origin', ...options, headers });
  if (response.status === 401) {
    sessionEnded();
    // stops the caller: an answer without a session says nothing of the contact or journey asked for
    throw new Error('The session has ended');
  }
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  return { status: response.status, ok: response.ok, body };
}

function sessionEnded() {
  const status = document.getElementById('status');
  status.replaceChildren('Your session has ended: ', el('a', { href: '/login' }, 'log in again'), '.');
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  children.flat().forEach(child => node.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
  return node;
}

const percent = rate => rate == null ? '–' : (Number(rate) * 100).toFixed(1) + ' %';

function money(revenue) {
  if (!revenue) return '–';
  if (revenue.currency) return Number(revenue.total).toFixed(2) + ' ' + revenue.currency;
  const parts = Object.entries(revenue.byCurrency || {}).map(([c, v]) => Number(v).toFixed(2) + ' ' + c);
  return parts.length ? parts.join(' + ') : '0.00';
}

// a contact's revenue in each currency of their orders: amounts in several currencies are never added
function contactRevenue(c) {
  const byCurrency = Object.entries(c.revenueByCurrency || {});
  if (byCurrency.length) return byCurrency.map(([currency, v]) => Number(v).toFixed(2) + ' ' + currency).join(' + ');
  return Number(c.revenue || 0).toFixed(2) + (c.currency ? ' ' + c.currency : '');
}

// the KPIs measured as a share of the contacts who entered (report/Objectives.java)
const RATE_KPIS = ['conversion-rate', 'recovery-rate', 'reactivation-rate', 'leads-handed-to-sales', 'step-rate'];
// the KPIs that are the journey's conversion rate, shown on its tile with their target
const CONVERSION_KPIS = ['conversion-rate', 'recovery-rate', 'reactivation-rate'];

function objectiveText(objective) {
  if (!objective) return 'No objective declared (objective.kpi / objective.target in the diagram or in settings).';
  const rate = RATE_KPIS.includes(objective.kpi);
  const target = rate ? percent(objective.target) : objective.target;
  const actual = objective.actual == null ? 'not measurable' : rate ? percent(objective.actual) : objective.actual;
  const verdict = objective.met == null ? '' : objective.met ? ' ✔ on target' : ' ✘ below target';
  return `Objective: ${objective.description || objective.kpi} (${objective.kpi}, target ${target}, now ${actual})${verdict}`;
}

function fill(section, stats, summary) {
  const set = (name, text) => { section.querySelector(`[data-stat="${name}"]`).textContent = text; };
  section.querySelector('[data-field="name"]').textContent = stats.name;
  section.querySelector('[data-field="version"]').textContent = 'v' + stats.version;
  section.querySelector('[data-field="description"]').textContent = summary.description || '';
  const objective = section.querySelector('[data-field="objective"]');
  objective.textContent = objectiveText(stats.objective);
  objective.classList.toggle('met', stats.objective?.met === true);
  objective.classList.toggle('missed', stats.objective?.met === false);
  set('entered', stats.entered);
  set('active', stats.active);
  set('converted', stats.converted);
  set('conversionRate', percent(stats.conversionRate));
  set('target', CONVERSION_KPIS.includes(stats.objective?.kpi) ? 'target ' + percent(stats.objective.target) : '');
  set('revenue', money(stats.revenue));
  fillFunnel(section, stats.funnel);
  fillMessages(section, stats.messages);
}

function fillFunnel(section, funnel) {
  const body = section.querySelector('table.funnel tbody');
  body.replaceChildren(...funnel.map(step => el('tr', { 'data-activity': step.activityId },
    el('td', {}, step.name), el('td', { 'data-field': 'reached' }, String(step.reached)),
    el('td', { 'data-field': 'waiting' }, String(step.waiting)))));
  const container = section.querySelector('[data-chart="funnel"]');
  // a long journey gets the height its steps need: every step named, none a sliver
  container.style.height = Math.max(300, 60 + funnel.length * 26) + 'px';
  const names = funnel.map(step => step.name).reverse();
  chart(container).setOption({
    animation: false, grid: { left: 190, right: 20, top: 25, bottom: 20 }, legend: { top: 0 },
    tooltip: { trigger: 'axis' }, xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, axisLabel: { width: 180, overflow: 'truncate', interval: 0 } },
    series: [
      { name: 'Reached', type: 'bar', data: funnel.map(step => step.reached).reverse(), itemStyle: { color: '#2f6fb0' } },
      { name: 'Waiting now', type: 'bar', data: funnel.map(step => step.waiting).reverse(), itemStyle: { color: '#f0a030' } }
    ]
  });
}

function fillMessages(section, channels) {
  const rows = channels.flatMap(channel => Object.entries(channel.byStatus).map(([status, count]) =>
    el('tr', { 'data-channel': channel.channel, 'data-status': status },
      el('td', {}, channel.channel), el('td', {}, status), el('td', { 'data-field': 'count' }, String(count)))));
  section.querySelector('table.messages tbody').replaceChildren(...rows);
  const reasons = channels.flatMap(channel => Object.entries(channel.skippedReasons).map(([reason, count]) =>
    el('li', { 'data-reason': reason }, `${channel.channel}: ${reason} — ${count}`)));
  section.querySelector('ul.skipped').replaceChildren(...(reasons.length ? reasons : [el('li', {}, 'none')]));
  const statuses = [...new Set(channels.flatMap(channel => Object.keys(channel.byStatus)))].sort();
  chart(section.querySelector('[data-chart="messages"]')).setOption({
    animation: false, legend: { top: 0 }, tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, top: 50, bottom: 25 },
    xAxis: { type: 'category', data: channels.map(channel => channel.channel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: statuses.map(status => ({ name: status, type: 'bar', stack: 'messages',
      data: channels.map(channel => channel.byStatus[status] || 0) }))
  });
}

// a p-value below what three decimals show is not nothing: 0.00022 reads "< 0.001"
function pValue(p) {
  if (p == null) return '–';
  return Number(p) < 0.001 ? '< 0.001' : Number(p).toFixed(3);
}

async function fillExperiment(section, key) {
  const response = await api('/api/experiments/' + encodeURIComponent(key));
  if (!response.ok || !response.body) return;
  const experiment = response.body;
  const panel = section.querySelector('.experiment');
  const rows = experiment.variants.map(v => el('tr', { 'data-variant': v.variant },
    el('td', {}, v.variant + (v.variant === experiment.control && v.variant !== 'control' ? ' (control)' : '')), el('td', {}, String(v.weight ?? '')),
    el('td', {}, String(v.assigned)), el('td', {}, String(v.measured)), el('td', {}, String(v.converted)), el('td', {}, percent(v.conversionRate)),
    el('td', {}, v.confidenceInterval ? `${percent(v.confidenceInterval.low)} – ${percent(v.confidenceInterval.high)}` : '–'),
    el('td', {}, v.revenuePerContact == null ? '–' : Number(v.revenuePerContact).toFixed(2) + (experiment.currency ? ' ' + experiment.currency : '')),
    el('td', {}, v.liftVsControl == null ? '–' : percent(v.liftVsControl)),
    el('td', {}, pValue(v.pValueVsControl))));
  const verdict = experiment.verdict || {};
  panel.replaceChildren(el('h3', {}, `A/B test “${experiment.key}”`),
    el('table', { class: 'variants' }, el('thead', {}, el('tr', {}, ...['Variant', 'Weight', 'Assigned', 'Window over', 'Converted',
      'Rate', '95 % interval', 'Revenue / contact', 'Lift vs control', 'p-value'].map(h => el('th', {}, h)))),
      el('tbody', {}, rows)),
    el('div', { class: 'chart small', 'data-chart': 'experiment' }),
    el('p', { class: 'verdict' }, verdict.winner ? `Winner: ${verdict.winner}. ${verdict.reason || ''}` :
      `No winner yet. ${verdict.reason || ''}`),
    experiment.trafficMovedTo ? el('p', {}, `New contacts now go to ${experiment.trafficMovedTo}, the winner, or to control, which keeps its share.`) : '');
  panel.hidden = false;
  chart(panel.querySelector('[data-chart="experiment"]')).setOption({
    animation: false, grid: { left: 50, right: 20, top: 30, bottom: 25 }, tooltip: {},
    legend: { top: 0, data: ['Conversion rate', '95 % interval'] },
    xAxis: { type: 'category', data: experiment.variants.map(v => v.variant) },
    yAxis: { type: 'value', axisLabel: { formatter: value => (value * 100).toFixed(0) + ' %' } },
    series: [
      { type: 'bar', name: 'Conversion rate', data: experiment.variants.map(v => v.conversionRate), itemStyle: { color: '#2f6fb0' } },
      // an error bar: a whisker from the interval's low to its high, crossing the rate
      { type: 'candlestick', name: '95 % interval', barMaxWidth: 12,
        itemStyle: { color: '#333', color0: '#333', borderColor: '#333', borderColor0: '#333' },
        data: experiment.variants.map(v => v.confidenceInterval ?
          [v.conversionRate, v.conversionRate, v.confidenceInterval.low, v.confidenceInterval.high] : [])
      }]
  });
}

function openTestRun(section, key) {
  const panel = section.querySelector('.test-run');
  if (!panel.hidden) { panel.hidden = true; return; }
  panel.replaceChildren(document.getElementById('test-run-template').content.cloneNode(true));
  const form = panel.querySelector('form');
  form.events.value = JSON.stringify(EXAMPLE_SCRIPTS[key] || [], null, 1);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const result = panel.querySelector('.test-run-result');
    result.textContent = 'Running…';
    let events;
    try { events = JSON.parse(form.events.value || '[]'); } catch (e) { result.textContent = 'Events: ' + e.message; return; }
    const response = await api(`/api/journeys/${encodeURIComponent(key)}/test-runs`, { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ copyOf: form.copyOf.value || null, variant: form.variant.value || null, events }) });
    const problems = (response.body?.errors || []).map(error => error.field + ' ' + error.message).join('; ');
    result.replaceChildren(response.ok ? testRunReport(response.body) :
      el('p', { class: 'error' }, problems || response.body?.detail || 'Test run refused (' + response.status + ')'));
  });
  panel.hidden = false;
}

function testRunReport(report) {
  const day = entry => 'day ' + entry.day;
  // a scripted event may start or move another journey of the test contact
  const otherJourney = entry => entry.journey && entry.journey !== report.journey ? entry.journey + ': ' : '';
  return el('div', { 'data-test-run': report.id },
    el('p', { class: 'outcome', 'data-field': 'outcome' }, report.outcome),
    el('table', { class: 'timeline' }, el('thead', {}, el('tr', {}, el('th', {}, 'When'), el('th', {}, 'What'),
      el('th', {}, 'Detail'))), el('tbody', {}, report.timeline.map(entry => el('tr', { class: entry.kind },
      el('td', {}, day(entry)), el('td', {}, otherJourney(entry) + (entry.name || entry.activityId || entry.kind)),
      el('td', {}, entry.detail || ''))))),
    el('h4', {}, `Messages (${report.messages.length}), as they would have been sent — only logged`),
    report.messages.map(message => el('details', { class: 'message' },
      el('summary', {}, `${day(message)} · ${otherJourney(message)}${message.to === 'contact' ? '' : 'to ' + message.to + ' · '}` +
        `${message.channel} · ${message.template}${message.variant ? ' · variant ' + message.variant : ''} · ${message.status}` +
        (message.reason ? ' (' + message.reason + ')' : '') + (message.subject ? ' · ' + message.subject : '')),
      message.channel === 'email' && message.body ? el('iframe', { sandbox: '', srcdoc: message.body, title: message.template })
        : el('pre', {}, message.body || ''))));
}

async function showContact(contactId) {
  const view = document.getElementById('contact-view');
  view.textContent = 'Loading…';
  const [contact, journeys, messages] = await Promise.all([
    api('/api/contacts/' + encodeURIComponent(contactId)),
    api('/api/contacts/' + encodeURIComponent(contactId) + '/journeys'),
    api('/api/contacts/' + encodeURIComponent(contactId) + '/messages')]);
  if (!contact.ok) { view.replaceChildren(el('p', { class: 'error' }, contactProblem(contactId, contact))); return; }
  const c = contact.body;
  view.replaceChildren(
    el('p', {}, `${c.firstName || ''} · ${c.lifecycleStage} · ${c.ordersCount} order(s), ${contactRevenue(c)} · ` +
      `${c.locale} · ${c.timeZone}` + (c.leadScore ? ` · score ${c.leadScore.total}` : '')),
    el('h3', {}, 'Journeys'),
    el('table', { class: 'contact-journeys' }, el('thead', {}, el('tr', {}, ...['Journey', 'Started', 'Ended', 'State',
      'Waiting at', 'Converted'].map(h => el('th', {}, h)))), el('tbody', {}, (journeys.body?.journeys || []).map(j =>
      el('tr', { 'data-instance': j.processInstanceId }, el('td', {}, `${j.name} v${j.version}`),
        el('td', {}, new Date(j.startedAt).toLocaleString()), el('td', {}, j.endedAt ? new Date(j.endedAt).toLocaleString() : ''),
        el('td', {}, j.state), el('td', {}, j.waitingAt.join(', ')), el('td', {}, j.converted ? '✔ ' + Number(j.revenue).toFixed(2) + ' ' + j.currency : ''))))),
    el('h3', {}, 'Messages'),
    el('table', { class: 'contact-messages' }, el('thead', {}, el('tr', {}, ...['When', 'Journey', 'Step', 'Channel',
      'Template', 'Status'].map(h => el('th', {}, h)))), el('tbody', {}, (messages.body || []).map(m => el('tr', {},
      el('td', {}, new Date(m.createdAt).toLocaleString()), el('td', {}, m.journey || ''), el('td', {}, m.step || ''),
      el('td', {}, m.channel), el('td', {}, m.template), el('td', {}, m.status + (m.reason ? ' (' + m.reason + ')' : '')))))),
    el('h3', {}, 'Score over time'),
    scoreChart(journeys.body?.scores || [], c.leadScore));
}

// why the contact cannot be shown: unknown, or an id no contact can have (the API says why)
function contactProblem(contactId, answer) {
  if (answer.status === 404) return 'No contact ' + contactId;
  const errors = (answer.body?.errors || []).map(error => error.field + ' ' + error.message).join('; ');
  return errors || answer.body?.detail || 'The contact cannot be shown (' + answer.status + ')';
}

// the score as recorded at each change, then as it stands now: inactivity decays it between changes
function scoreChart(scores, current) {
  if (!scores.length) return el('p', { class: 'hint' }, 'No lead score recorded for this contact.');
  const points = scores.map(s => [s.at, Number(s.value)]);
  if (current) points.push([new Date().toISOString(), Number(current.total)]);
  const div = el('div', { class: 'chart small' });
  setTimeout(() => chart(div).setOption({ animation: false, tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 20, top: 20, bottom: 30 }, xAxis: { type: 'time' }, yAxis: { type: 'value' },
    series: [{ type: 'line', step: 'end', data: points }] }));
  return div;
}

async function main() {
  const me = await api('/api/me');
  if (!me.ok) { sessionEnded(); return; }
  state.csrfHeader = me.body.csrfHeader;
  state.csrfToken = me.body.csrfToken;
  document.getElementById('user').textContent = me.body.user;
  document.getElementById('logout-csrf').value = me.body.csrfToken;
  const journeys = await api('/api/journeys');
  const container = document.getElementById('journeys');
  for (const summary of journeys.body) {
    const section = document.getElementById('journey-template').content.firstElementChild.cloneNode(true);
    section.dataset.journey = summary.key;
    container.append(section);
    const stats = await api(`/api/journeys/${encodeURIComponent(summary.key)}/stats`);
    fill(section, stats.body, summary);
    section.querySelector('[data-action="test-run"]').addEventListener('click', () => openTestRun(section, summary.key));
    if (stats.body.experiment) fillExperiment(section, stats.body.experiment);
  }
  document.getElementById('status').textContent = journeys.body.length + ' journey(s), figures as of ' +
    new Date().toLocaleString() + ' (test runs excluded)';
  document.body.dataset.loaded = 'true';
  document.getElementById('contact-form').addEventListener('submit', event => {
    event.preventDefault();
    showContact(document.getElementById('contact-id').value.trim());
  });
}

main();
