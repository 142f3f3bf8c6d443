'use client';
import { NativeSelect } from '@/components/ui/input';

/** A filter select: "all" (empty value) or one of the items, by id. */
export function OptionSelect({
  label,
  testId,
  allLabel,
  items,
  value,
  onChange,
  className,
}: {
  label: string;
  testId: string;
  allLabel: string;
  items: readonly { id: number | string; name: string }[] | undefined;
  value: string;
  onChange: (value: string) => void;
  className: string;
}) {
  return (
    <NativeSelect aria-label={label} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} className={className}>
      <option value="">{allLabel}</option>
      {items?.map((item) => (
        <option key={item.id} value={String(item.id)}>
          {item.name}
        </option>
      ))}
    </NativeSelect>
  );
}
