// One request in a dialog: what was asked, its moves, who dispatch would offer it to and why, and the
// office's actions — assign by hand, close as a duplicate, cancel with a reason. The services decide
// who may do what; a refusal is shown where the action was tried.
import { api, ApiError } from './api.js';
import { h, show, announce } from './dom.js';
import { t, when } from './i18n.js';
import { categoryName, personName, teams, nameOf, isStaff, reasons } from './lookups.js';

const dialog = () => document.getElementById('dialog');

export async function openRequest(id, session, changed) {
  const staff = isStaff(session);
  const box = dialog();
  const body = h('div', {}, h('p', { class: 'muted' }, t('loading')));
  show(box,
    h('h2', { id: 'dialog-title' }, t('request.title')),
    body,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'quiet', id: 'close', onclick: () => box.close() }, t('close'))));
  if (!box.open) box.showModal();

  const [request, timeline] = await Promise.all([
    api('/v1/requests/' + id).catch(() => null),
    api(`/v1/requests/${id}/timeline`).catch(() => null),
  ]);
  const parts = [];
  if (request) {
    parts.push(h('dl', {},
      h('dt', {}, t('request.category')), h('dd', {}, await categoryName(request.categoryCode)),
      h('dt', {}, t('request.status')), h('dd', { id: 'request-status' }, t('status.' + request.status)),
      h('dt', {}, t('request.urgency')), h('dd', {}, t('urgency.' + request.urgency)),
      h('dt', {}, t('request.where')), h('dd', {}, [request.gridCode, request.compoundCode, request.details?.location?.buildingCode,
        request.details?.location?.address].filter(Boolean).join(' · ')),
      h('dt', {}, t('request.submitted')), h('dd', {}, when(request.submittedAt)),
      request.dispatchBy ? [h('dt', {}, t('request.dispatchBy')), h('dd', {}, when(request.dispatchBy))] : null,
      request.details?.description ? [h('dt', {}, t('request.description')), h('dd', {}, request.details.description)] : null));
  } else {
    parts.push(h('p', { class: 'muted' }, t('request.notYours')));
  }
  if (timeline) {
    parts.push(h('h3', {}, t('request.timeline')), h('table', {},
      h('thead', {}, h('tr', {}, [t('request.when'), t('request.move'), t('request.why')].map(text => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, timeline.map(step => h('tr', {}, h('td', {}, when(step.at)),
        h('td', {}, [step.from, step.to].filter(Boolean).map(status => t('status.' + status)).join(' → ')),
        h('td', {}, step.reason || ''))))));
  }
  const candidates = h('div', { id: 'candidates' });
  parts.push(h('h3', {}, t('request.preview')), candidates);
  if (request && staff) parts.push(duplicateForm(request, changed), cancelForm(request, changed));
  show(body, parts);
  preview(id, candidates, changed);
}

async function preview(id, into, changed) {
  let ranked;
  try {
    ranked = await api('/v1/dispatch-rules/preview', { method: 'POST', body: { requestId: id, limit: 8 } });
  } catch (error) {
    show(into, h('p', { class: 'muted' }, error instanceof ApiError ? error.message : t('failed')));
    return;
  }
  if (!ranked.length) {
    show(into, h('p', { class: 'muted' }, t('request.nobody')));
    return;
  }
  const teamList = await teams().catch(() => []);
  const result = h('p', { role: 'status' });
  const rows = ranked.map((candidate, index) => {
    const name = h('span', {}, candidate.volunteerId.slice(0, 8));
    personName(candidate.volunteerId).then(found => { name.textContent = found; });
    const why = reasons(candidate);
    const team = teamList.find(found => found.key === candidate.teamKey);
    return h('tr', {},
      h('td', {}, String(index + 1)), h('td', {}, name), h('td', {}, team ? nameOf(team) : candidate.teamKey),
      h('td', {}, Number(candidate.score).toFixed(2)),
      h('td', {}, why, candidate.sameBuilding ? ` · ${t('score.sameBuilding')}` : '',
        candidate.distanceMetres !== undefined && candidate.distanceMetres !== null ? ` · ${candidate.distanceMetres} m` : ''),
      h('td', {}, h('button', {
        type: 'button', 'data-assign': candidate.volunteerId,
        onclick: async event => {
          event.target.disabled = true;
          try {
            await api('/v1/orders/assignments', { method: 'POST', body: { requestId: id, volunteerId: candidate.volunteerId } });
            result.className = 'ok';
            result.textContent = t('request.assigned', { name: name.textContent });
            announce(result.textContent);
            changed(id);
          } catch (error) {
            result.className = 'error';
            result.textContent = error.message;
            event.target.disabled = false;
          }
        },
      }, t('request.assign'))));
  });
  show(into, h('table', {},
    h('caption', { class: 'visually-hidden' }, t('request.preview')),
    h('thead', {}, h('tr', {}, ['#', t('request.volunteer'), t('request.team'), t('request.score'), t('request.whyOffered'), ''].map(text => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows)), result);
}

/** One of the office's decisions on the request: a titled form with one field, its outcome said below it. */
function decisionForm({ title, label, field, submitLabel, submitClass, done, send }) {
  const result = h('p', { role: 'status' });
  return h('form', { onsubmit: async event => {
    event.preventDefault();
    try {
      await send(event.target[field.id].value.trim());
      result.className = 'ok';
      result.textContent = done;
    } catch (error) {
      result.className = 'error';
      result.textContent = error.message;
    }
  } },
  h('h3', {}, title), h('label', { for: field.id }, label), field,
  h('button', { type: 'submit', class: submitClass }, submitLabel), result);
}

function duplicateForm(request, changed) {
  return decisionForm({
    title: t('request.duplicate'), label: t('request.originalId'), submitLabel: t('request.merge'), submitClass: 'quiet',
    field: h('input', { id: 'original', name: 'original', required: true, pattern: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', autocomplete: 'off' }),
    done: t('request.merged'),
    send: original => api(`/v1/requests/${request.id}/duplicate`, { method: 'POST', body: { originalId: original } })
      .then(() => changed(request.id)),
  });
}

function cancelForm(request, changed) {
  return decisionForm({
    title: t('request.cancel'), label: t('request.reason'), submitLabel: t('request.cancel'), submitClass: 'danger',
    field: h('textarea', { id: 'reason', name: 'reason', required: true, maxlength: 500, rows: 2 }),
    done: t('request.cancelled'),
    send: reason => api(`/v1/requests/${request.id}/cancellation`, { method: 'POST', body: { reason } })
      .then(() => changed(request.id)),
  });
}
