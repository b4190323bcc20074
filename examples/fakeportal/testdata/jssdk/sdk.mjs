// Drives a portal with the official Bitrix24 JS SDK and prints what the
// SDK returned, one JSON line per check. The portal is the webhook URL in
// PORTAL (https; the test's certificate is self-signed).
import { B24Hook, AjaxError, ApiVersion } from '@bitrix24/b24jssdk'

// The SDK's own throttle would only slow the test down.
const restrictionParams = {
  rateLimit: { burstLimit: 1e9, drainRate: 1e9, adaptiveEnabled: false },
  adaptiveConfig: { enabled: false, thresholdPercent: 100, coefficient: 0, maxDelay: 0 },
  maxRetries: 3,
}
const b24 = B24Hook.fromWebhookUrl(process.env.PORTAL, { restrictionParams })
const out = (check, value) => console.log(JSON.stringify({ check, value }))

async function caught(fn) {
  try {
    const r = await fn()
    return { success: r.isSuccess, data: r.getData?.(), errors: r.getErrorMessages?.() }
  } catch (e) {
    if (e instanceof AjaxError) return { thrown: true, code: e.code, status: e.status, message: e.message }
    return { thrown: true, error: String(e) }
  }
}

// a single call
let r = await b24.actions.v2.call.make({ method: 'biconnector.source.delete', params: { id: 4 } })
out('single', { success: r.isSuccess, result: r.getData().result })

// a documented error answered with HTTP 200, and one with 400
out('documented-200', await caught(() => b24.actions.v2.call.make({ method: 'biconnector.source.delete', params: {} })))
out('documented-400', await caught(() => b24.actions.v2.call.make({ method: 'fixture.nested.get', params: { id: 404 } })))
out('not-found', await caught(() => b24.actions.v2.call.make({ method: 'crm.deal.get', params: { id: 1 } })))

// a paged list: by id (start -1, filter >id) and by offset (start, next)
r = await b24.actions.v2.callList.make({ method: 'fixture.item.list', params: { entityTypeId: 2 }, idKey: 'id', cursorIdKey: 'id', customKeyForResult: 'items' })
const rows = r.getData()
out('list-by-id', { success: r.isSuccess, rows: rows.length, first: rows[0]?.id, last: rows.at(-1)?.id })
let page = await b24.actions.v2.call.make({ method: 'fixture.item.list', params: { entityTypeId: 2, start: 0 } })
const pages = [page.getData().result.items.length]
const totals = [page.getTotal()]
while (page.isMore()) {
  page = await page.getNext(b24.getHttpClient(ApiVersion.v2))
  pages.push(page.getData().result.items.length)
}
out('list-by-offset', { pages, total: totals[0] })

// a batch: a reference to an earlier result and a failing command
const br = await b24.actions.v2.batch.make({
  calls: {
    get: { method: 'fixture.nested.get', params: { id: 42 } },
    missing: { method: 'fixture.nested.get', params: { id: 404 } },
    del: ['biconnector.source.delete', { id: '$result[get][ID]' }],
  },
  options: { isHaltOnError: false },
})
const errs = {}
for (const [k, e] of Object.entries(br.getErrorsByKey?.() ?? {})) errs[k] = e.code
out('batch', { success: br.isSuccess, data: br.getData(), errors: errs })
