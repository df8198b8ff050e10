import { useEffect, useState } from 'react';

/**
 * The otpauth URI as a QR code, drawn as one SVG path. The encoder (uqr, a few kB) is loaded
 * only when this component shows, so it stays out of the initial bundle; nothing is sent to
 * any outside service.
 */
export function TotpQr({ uri, label }: { uri: string; label: string }) {
  const [path, setPath] = useState<{ d: string; size: number } | null>(null);
  useEffect(() => {
    let live = true;
    void import('uqr').then(({ encode }) => {
      if (!live) return;
      const qr = encode(uri, { ecc: 'M', border: 2 });
      let d = '';
      qr.data.forEach((row, y) =>
        row.forEach((dark, x) => {
          if (dark) d += `M${x} ${y}h1v1h-1z`;
        }),
      );
      setPath({ d, size: qr.size });
    });
    return () => {
      live = false;
    };
  }, [uri]);
  if (!path) return null;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${path.size} ${path.size}`}
      width={200}
      height={200}
      shapeRendering="crispEdges"
      style={{ background: '#fff', display: 'block' }}
    >
      <path d={path.d} fill="#000" />
    </svg>
  );
}
