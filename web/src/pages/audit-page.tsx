import { useMemo } from 'preact/hooks';
import { ExportButtons } from '../audit/export-buttons';
import { FilterForm } from '../audit/filter-form';
import { fieldsFromSearch, graphqlFilter, searchFromFields } from '../audit/filters';
import { Timeline } from '../audit/timeline';
import { useAuditPages } from '../audit/use-audit-pages';
import { usePageTitle } from '../components/page-title';
import { Failure } from '../components/status';
import { paths } from '../router/paths';
import { navigate, useLocation } from '../router/router';

/** /console/audit: the change history, filtered by the address's query string. */
export function AuditPage() {
  usePageTitle('Change history');
  const { search } = useLocation();
  const searchText = search.toString();
  const fields = useMemo(() => fieldsFromSearch(new URLSearchParams(searchText)), [searchText]);
  const filter = useMemo(() => graphqlFilter(fields), [fields]);
  const pages = useAuditPages(filter);
  return (
    <>
      <h1>Change history</h1>
      <p class="lead">
        Every change attempt through orgql (an intent before the call to AWS, its result after) and every change made outside orgql, newest first.
      </p>
      <FilterForm value={fields} onApply={(next) => navigate(`${paths.audit}${searchFromFields(next)}`)} />
      <ExportButtons fields={fields} />
      {pages.error && <Failure error={pages.error} />}
      <Timeline pages={pages.pages} hasNextPage={pages.hasNextPage} loading={pages.loading} loadMore={pages.loadMore} />
    </>
  );
}
