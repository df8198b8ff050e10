import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../app/session';
import { structureQuery } from '../../app/structures';
import type { FormValues, RecipientChoice, Supplier } from './form-model';

/**
 * The invoice's two parties as the directory knows them: the supplier (the structure the user
 * acts for) and the chosen recipient, whose flags and services decide what else the form asks.
 */
export function useParties(
  values: Pick<FormValues, 'recipientIdentifier' | 'recipientName' | 'serviceCode'>,
) {
  const { current } = useSession();

  // The supplier: the structure the user acts for, its address from the directory.
  const supplierQuery = useQuery({
    ...structureQuery(current?.structure.identifier),
    enabled: Boolean(current),
  });
  const supplier: Supplier | undefined = useMemo(() => {
    // Wait for the directory's answer: the address goes into the invoice (BT-35…BT-40).
    if (!current || supplierQuery.isPending) return undefined;
    const a = supplierQuery.data?.address;
    const opt = (s: string | null | undefined) => (s ? s : undefined);
    return {
      identifier: current.structure.identifier,
      name: current.structure.name,
      address: {
        line1: opt(a?.line1),
        line2: opt(a?.line2),
        postCode: opt(a?.postalCode),
        city: opt(a?.town),
        countryCode: a?.countryCode ?? 'FR',
      },
    };
  }, [current, supplierQuery.data, supplierQuery.isPending]);

  // The recipient's flags and services decide what else is asked.
  const recipient: RecipientChoice | null = values.recipientIdentifier
    ? { identifier: values.recipientIdentifier, name: values.recipientName }
    : null;
  const recipientQuery = useQuery({
    ...structureQuery(recipient?.identifier),
    enabled: Boolean(recipient),
  });
  const detail = recipient ? recipientQuery.data : undefined;
  const flags = detail?.flags;
  const services = (detail?.services ?? []).filter((s) => s.active);
  const service = services.find((s) => s.code === values.serviceCode);
  const serviceRequired = Boolean(flags?.serviceCodeRequired);
  const eitherRequired = Boolean(flags?.serviceOrCommitmentRequired);
  const commitmentRequired = Boolean(flags?.commitmentRequired || service?.commitmentRequired);
  const buyer = useMemo(() => {
    if (!detail) return undefined;
    const a = detail.address;
    return {
      name: detail.name,
      address: {
        ...(a.line1 ? { line1: a.line1 } : {}),
        ...(a.line2 ? { line2: a.line2 } : {}),
        ...(a.postalCode ? { postCode: a.postalCode } : {}),
        ...(a.town ? { city: a.town } : {}),
        countryCode: a.countryCode ?? 'FR',
      },
    };
  }, [detail]);

  return {
    supplier,
    /** The directory has answered about the supplier (its address is known, or known absent). */
    supplierKnown: Boolean(supplierQuery.data),
    recipient,
    recipientLoading: Boolean(recipient) && recipientQuery.isLoading,
    /** The recipient's active services, offered in the service list. */
    services,
    askService: services.length > 0 || serviceRequired,
    serviceRequired,
    eitherRequired,
    commitmentRequired,
    askCommitment: commitmentRequired || eitherRequired,
    /** The buyer as the engine judges it (BT-44, BT-50…BT-55). */
    buyer,
  };
}

export type Parties = ReturnType<typeof useParties>;
