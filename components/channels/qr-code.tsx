'use client';
import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * The QR as inline SVG, built synchronously from the string: a new string (WhatsApp rotates
 * it every ~20 s) is a new picture on the very same render, with no flash of an old code.
 */
export function QrCode({ value, label, className, ...rest }: { value: string; label: string; className?: string; 'data-testid'?: string }) {
  const { size, path } = useMemo(() => {
    const qr = QRCode.create(value, { errorCorrectionLevel: 'L' });
    const n = qr.modules.size;
    let d = '';
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) if (qr.modules.data[y * n + x]) d += `M${x + 2} ${y + 2}h1v1h-1z`;
    }
    return { size: n + 4, path: d };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      data-qr={value}
      className={className}
      {...rest}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#111" />
    </svg>
  );
}
