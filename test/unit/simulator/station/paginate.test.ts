import { expect } from 'chai';
import { frameBytes, paginate } from '../../../../src/simulator/station/report-data.js';

describe('paginate (NotifyReport paging by ItemsPerMessage and BytesPerMessage)', () => {
  const envelope = (page: unknown[]) => ({ requestId: 7, generatedAt: '2026-01-01T00:00:00.000Z', seqNo: 0, tbc: true, reportData: page });
  const items = Array.from({ length: 500 }, (_, i) => ({ component: { name: `Component${i % 37}` }, variable: { name: `Variable${i}`.repeat(1 + (i % 5)) } }));

  it('every page fits the byte limit exactly as serialised, pages are as full as they can be, and nothing is lost', () => {
    for (const bytes of [300, 1000, 4096]) {
      const pages = paginate(items, 50, bytes, envelope);
      expect(pages.flat()).to.deep.equal(items);
      for (const [i, page] of pages.entries()) {
        expect(frameBytes(envelope(page)), `page ${i} at ${bytes}`).to.be.at.most(bytes);
        const next = pages[i + 1]?.[0];
        // Greedy: the next page's first item would not have fitted here.
        if (next && page.length < 50) expect(frameBytes(envelope([...page, next]))).to.be.greaterThan(bytes);
      }
    }
  });

  it('honours the item limit, and gives an oversized item a page of its own', () => {
    expect(paginate(items, 20, 1e9, envelope).map((p) => p.length).slice(0, 3)).to.deep.equal([20, 20, 20]);
    const huge = { blob: 'x'.repeat(5000) };
    expect(paginate([huge, items[0], items[1]], 50, 1000, envelope)).to.deep.equal([[huge], [items[0], items[1]]]);
  });
});
