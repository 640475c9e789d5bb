import { useState } from 'preact/hooks';
import { useSession } from '../session/session';
import { exportSearch, type FilterFields } from './filters';

/**
 * Downloads the filtered view through GET /audit/export. A plain link cannot carry the bearer
 * header (and the key must never be in an address), so the file is fetched and handed to the browser as a blob.
 */
export function ExportButtons({ fields }: { fields: FilterFields }) {
  const session = useSession();
  const [status, setStatus] = useState('');
  const download = async (format: 'csv' | 'ndjson') => {
    setStatus(`Exporting ${format.toUpperCase()}…`);
    try {
      const response = await fetch(`/audit/export?${exportSearch(fields, format)}`, { headers: { authorization: `Bearer ${session.credential}` } });
      if (!response.ok) throw new Error(`the gateway answered ${response.status}`);
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `orgql-audit.${format}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(`Exported ${format.toUpperCase()} (${blob.size.toLocaleString()} bytes).`);
    } catch (error) {
      setStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div class="toolbar export">
      <button type="button" onClick={() => void download('csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => void download('ndjson')}>
        Export NDJSON
      </button>
      <p role="status" class="muted" data-testid="export-status">
        {status}
      </p>
    </div>
  );
}
