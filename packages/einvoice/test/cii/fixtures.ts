/**
 * A CII invoice that uses every EN 16931 term the CII binding has a place for, each with a
 * distinct value, so a test can tell exactly which element each model field came from.
 */
const NS_DECL =
  'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" ' +
  'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" ' +
  'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100" ' +
  'xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100"';

/** Wraps the body of a CrossIndustryInvoice with its namespace declarations. */
export function cii(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rsm:CrossIndustryInvoice ${NS_DECL}>${body}</rsm:CrossIndustryInvoice>`;
}

/** A document with only a header settlement holding `settlement`. */
export function withSettlement(settlement: string, agreement = ''): string {
  return cii(
    `<rsm:ExchangedDocumentContext/><rsm:ExchangedDocument><ram:ID>X</ram:ID></rsm:ExchangedDocument>` +
      `<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>${agreement}</ram:ApplicableHeaderTradeAgreement>` +
      `<ram:ApplicableHeaderTradeDelivery/><ram:ApplicableHeaderTradeSettlement>${settlement}</ram:ApplicableHeaderTradeSettlement>` +
      `</rsm:SupplyChainTradeTransaction>`,
  );
}

export const FULL = cii(`
<rsm:ExchangedDocumentContext>
  <ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>P1</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>
  <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
</rsm:ExchangedDocumentContext>
<rsm:ExchangedDocument>
  <ram:ID> INV-1 </ram:ID>
  <ram:TypeCode>380</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20240131</udt:DateTimeString></ram:IssueDateTime>
  <ram:IncludedNote><ram:Content>Note A</ram:Content><ram:SubjectCode>AAI</ram:SubjectCode></ram:IncludedNote>
  <ram:IncludedNote><ram:Content>Note B</ram:Content></ram:IncludedNote>
</rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
    <ram:AssociatedDocumentLineDocument>
      <ram:LineID>1</ram:LineID>
      <ram:IncludedNote><ram:Content>Line note</ram:Content></ram:IncludedNote>
    </ram:AssociatedDocumentLineDocument>
    <ram:SpecifiedTradeProduct>
      <ram:GlobalID schemeID="0160">4012345000009</ram:GlobalID>
      <ram:SellerAssignedID>S-1</ram:SellerAssignedID>
      <ram:BuyerAssignedID>B-1</ram:BuyerAssignedID>
      <ram:Name>Widget</ram:Name>
      <ram:Description>A widget</ram:Description>
      <ram:ApplicableProductCharacteristic><ram:Description>Colour</ram:Description><ram:Value>Red</ram:Value></ram:ApplicableProductCharacteristic>
      <ram:ApplicableProductCharacteristic><ram:Value>Orphan</ram:Value></ram:ApplicableProductCharacteristic>
      <ram:DesignatedProductClassification><ram:ClassCode listID="STI" listVersionID="v2">123</ram:ClassCode></ram:DesignatedProductClassification>
      <ram:OriginTradeCountry><ram:ID>DE</ram:ID></ram:OriginTradeCountry>
    </ram:SpecifiedTradeProduct>
    <ram:SpecifiedLineTradeAgreement>
      <ram:BuyerOrderReferencedDocument><ram:LineID>7</ram:LineID></ram:BuyerOrderReferencedDocument>
      <ram:GrossPriceProductTradePrice>
        <ram:ChargeAmount>12</ram:ChargeAmount>
        <ram:AppliedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>2</ram:ActualAmount></ram:AppliedTradeAllowanceCharge>
      </ram:GrossPriceProductTradePrice>
      <ram:NetPriceProductTradePrice><ram:ChargeAmount>10</ram:ChargeAmount><ram:BasisQuantity unitCode="C62">1</ram:BasisQuantity></ram:NetPriceProductTradePrice>
    </ram:SpecifiedLineTradeAgreement>
    <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">3</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
    <ram:SpecifiedLineTradeSettlement>
      <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>
      <ram:BillingSpecifiedPeriod>
        <ram:StartDateTime><udt:DateTimeString format="102">20240101</udt:DateTimeString></ram:StartDateTime>
        <ram:EndDateTime><udt:DateTimeString format="102">20240115</udt:DateTimeString></ram:EndDateTime>
      </ram:BillingSpecifiedPeriod>
      <ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:CalculationPercent>10</ram:CalculationPercent><ram:BasisAmount>30</ram:BasisAmount><ram:ActualAmount>3</ram:ActualAmount><ram:ReasonCode>95</ram:ReasonCode><ram:Reason>Discount</ram:Reason></ram:SpecifiedTradeAllowanceCharge>
      <ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>3</ram:ActualAmount><ram:ReasonCode>FC</ram:ReasonCode></ram:SpecifiedTradeAllowanceCharge>
      <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>30.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>OBJ-L</ram:IssuerAssignedID><ram:TypeCode>130</ram:TypeCode><ram:ReferenceTypeCode>AAB</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>
      <ram:ReceivableSpecifiedTradeAccountingAccount><ram:ID>ACC-L</ram:ID></ram:ReceivableSpecifiedTradeAccountingAccount>
    </ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
  <ram:ApplicableHeaderTradeAgreement>
    <ram:BuyerReference>BR-REF</ram:BuyerReference>
    <ram:SellerTradeParty>
      <ram:ID>S-ID-1</ram:ID>
      <ram:GlobalID schemeID="0088">5790000435975</ram:GlobalID>
      <ram:Name>Seller Ltd</ram:Name>
      <ram:Description>Share capital 10 000 EUR</ram:Description>
      <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">123456789</ram:ID><ram:TradingBusinessName>Seller Trading</ram:TradingBusinessName></ram:SpecifiedLegalOrganization>
      <ram:DefinedTradeContact>
        <ram:PersonName>Sam</ram:PersonName>
        <ram:TelephoneUniversalCommunication><ram:CompleteNumber>+33 1</ram:CompleteNumber></ram:TelephoneUniversalCommunication>
        <ram:EmailURIUniversalCommunication><ram:URIID>sam@seller.example</ram:URIID></ram:EmailURIUniversalCommunication>
      </ram:DefinedTradeContact>
      <ram:PostalTradeAddress>
        <ram:PostcodeCode>75001</ram:PostcodeCode><ram:LineOne>1 rue A</ram:LineOne><ram:LineTwo>Bât B</ram:LineTwo><ram:LineThree>3e</ram:LineThree>
        <ram:CityName>Paris</ram:CityName><ram:CountryID>FR</ram:CountryID><ram:CountrySubDivisionName>IDF</ram:CountrySubDivisionName>
      </ram:PostalTradeAddress>
      <ram:URIUniversalCommunication><ram:URIID schemeID="EM">inv@seller.example</ram:URIID></ram:URIUniversalCommunication>
      <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">FC-123</ram:ID></ram:SpecifiedTaxRegistration>
      <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR12345678901</ram:ID></ram:SpecifiedTaxRegistration>
    </ram:SellerTradeParty>
    <ram:BuyerTradeParty>
      <ram:GlobalID schemeID="0088">1234567890123</ram:GlobalID>
      <ram:Name>Buyer SA</ram:Name>
      <ram:SpecifiedLegalOrganization><ram:ID>B-LEGAL</ram:ID><ram:TradingBusinessName>Buyer Trading</ram:TradingBusinessName></ram:SpecifiedLegalOrganization>
      <ram:DefinedTradeContact><ram:PersonName>Bob</ram:PersonName></ram:DefinedTradeContact>
      <ram:PostalTradeAddress><ram:CityName>Lyon</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
      <ram:URIUniversalCommunication><ram:URIID schemeID="0225">B-EAS</ram:URIID></ram:URIUniversalCommunication>
      <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR98765432109</ram:ID></ram:SpecifiedTaxRegistration>
    </ram:BuyerTradeParty>
    <ram:SellerTaxRepresentativeTradeParty>
      <ram:Name>Rep</ram:Name>
      <ram:PostalTradeAddress><ram:CountryID>BE</ram:CountryID></ram:PostalTradeAddress>
      <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">BE0123456789</ram:ID></ram:SpecifiedTaxRegistration>
    </ram:SellerTaxRepresentativeTradeParty>
    <ram:SellerOrderReferencedDocument><ram:IssuerAssignedID>SO-1</ram:IssuerAssignedID></ram:SellerOrderReferencedDocument>
    <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>PO-1</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
    <ram:ContractReferencedDocument><ram:IssuerAssignedID>CT-1</ram:IssuerAssignedID></ram:ContractReferencedDocument>
    <ram:AdditionalReferencedDocument>
      <ram:IssuerAssignedID>DOC-1</ram:IssuerAssignedID><ram:URIID>https://example.com/doc</ram:URIID><ram:TypeCode>916</ram:TypeCode><ram:Name>Timesheet</ram:Name>
      <ram:AttachmentBinaryObject mimeCode="application/pdf" filename="t.pdf">QUJD</ram:AttachmentBinaryObject>
    </ram:AdditionalReferencedDocument>
    <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>LOT-1</ram:IssuerAssignedID><ram:TypeCode>50</ram:TypeCode></ram:AdditionalReferencedDocument>
    <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>OBJ-1</ram:IssuerAssignedID><ram:TypeCode>130</ram:TypeCode><ram:ReferenceTypeCode>AUN</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>
    <ram:SpecifiedProcuringProject><ram:ID>PRJ-1</ram:ID><ram:Name>Project</ram:Name></ram:SpecifiedProcuringProject>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery>
    <ram:ShipToTradeParty>
      <ram:GlobalID schemeID="0088">LOC-1</ram:GlobalID>
      <ram:Name>Warehouse</ram:Name>
      <ram:PostalTradeAddress><ram:CityName>Lille</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
    </ram:ShipToTradeParty>
    <ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">20240120</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>
    <ram:DespatchAdviceReferencedDocument><ram:IssuerAssignedID>DA-1</ram:IssuerAssignedID></ram:DespatchAdviceReferencedDocument>
    <ram:ReceivingAdviceReferencedDocument><ram:IssuerAssignedID>RA-1</ram:IssuerAssignedID></ram:ReceivingAdviceReferencedDocument>
  </ram:ApplicableHeaderTradeDelivery>
  <ram:ApplicableHeaderTradeSettlement>
    <ram:CreditorReferenceID>CRED-1</ram:CreditorReferenceID>
    <ram:PaymentReference>PAYREF</ram:PaymentReference>
    <ram:TaxCurrencyCode>USD</ram:TaxCurrencyCode>
    <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
    <ram:PayeeTradeParty>
      <ram:ID>PAYEE-1</ram:ID><ram:Name>Payee</ram:Name>
      <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">PL-1</ram:ID></ram:SpecifiedLegalOrganization>
    </ram:PayeeTradeParty>
    <ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:TypeCode>58</ram:TypeCode><ram:Information>SEPA</ram:Information>
      <ram:ApplicableTradeSettlementFinancialCard><ram:ID>1234</ram:ID><ram:CardholderName>Holder</ram:CardholderName></ram:ApplicableTradeSettlementFinancialCard>
      <ram:PayerPartyDebtorFinancialAccount><ram:IBANID>DE02120300000000202051</ram:IBANID></ram:PayerPartyDebtorFinancialAccount>
      <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>FR7630006000011234567890189</ram:IBANID><ram:AccountName>Seller account</ram:AccountName></ram:PayeePartyCreditorFinancialAccount>
      <ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>AGRIFRPP</ram:BICID></ram:PayeeSpecifiedCreditorFinancialInstitution>
    </ram:SpecifiedTradeSettlementPaymentMeans>
    <ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:TypeCode>58</ram:TypeCode>
      <ram:PayeePartyCreditorFinancialAccount><ram:ProprietaryID>LOCAL-42</ram:ProprietaryID></ram:PayeePartyCreditorFinancialAccount>
    </ram:SpecifiedTradeSettlementPaymentMeans>
    <ram:ApplicableTradeTax>
      <ram:CalculatedAmount>6.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>30.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>
      <ram:DueDateTypeCode>5</ram:DueDateTypeCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent>
    </ram:ApplicableTradeTax>
    <ram:ApplicableTradeTax>
      <ram:CalculatedAmount>0</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:ExemptionReason>Exempt</ram:ExemptionReason><ram:BasisAmount>0</ram:BasisAmount>
      <ram:CategoryCode>E</ram:CategoryCode><ram:ExemptionReasonCode>VATEX-EU-132</ram:ExemptionReasonCode><ram:RateApplicablePercent>0</ram:RateApplicablePercent>
    </ram:ApplicableTradeTax>
    <ram:BillingSpecifiedPeriod>
      <ram:StartDateTime><udt:DateTimeString format="102">20240101</udt:DateTimeString></ram:StartDateTime>
      <ram:EndDateTime><udt:DateTimeString format="102">20240131</udt:DateTimeString></ram:EndDateTime>
    </ram:BillingSpecifiedPeriod>
    <ram:SpecifiedTradeAllowanceCharge>
      <ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>1.00</ram:ActualAmount><ram:Reason>Loyalty</ram:Reason>
      <ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:CategoryTradeTax>
    </ram:SpecifiedTradeAllowanceCharge>
    <ram:SpecifiedTradeAllowanceCharge>
      <ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>1.00</ram:ActualAmount><ram:ReasonCode>FC</ram:ReasonCode>
      <ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:CategoryTradeTax>
    </ram:SpecifiedTradeAllowanceCharge>
    <ram:SpecifiedTradePaymentTerms>
      <ram:Description>30 days</ram:Description>
      <ram:DueDateDateTime><udt:DateTimeString format="102">20240301</udt:DateTimeString></ram:DueDateDateTime>
      <ram:DirectDebitMandateID>MANDATE-1</ram:DirectDebitMandateID>
    </ram:SpecifiedTradePaymentTerms>
    <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
      <ram:LineTotalAmount>30.00</ram:LineTotalAmount>
      <ram:ChargeTotalAmount>1.00</ram:ChargeTotalAmount>
      <ram:AllowanceTotalAmount>1.00</ram:AllowanceTotalAmount>
      <ram:TaxBasisTotalAmount>30.00</ram:TaxBasisTotalAmount>
      <ram:TaxTotalAmount currencyID="USD">6.60</ram:TaxTotalAmount>
      <ram:TaxTotalAmount currencyID="EUR">6.00</ram:TaxTotalAmount>
      <ram:RoundingAmount>0.00</ram:RoundingAmount>
      <ram:GrandTotalAmount>36.00</ram:GrandTotalAmount>
      <ram:TotalPrepaidAmount>5.00</ram:TotalPrepaidAmount>
      <ram:DuePayableAmount>31.00</ram:DuePayableAmount>
    </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:InvoiceReferencedDocument>
      <ram:IssuerAssignedID>PREV-1</ram:IssuerAssignedID>
      <ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20231231</qdt:DateTimeString></ram:FormattedIssueDateTime>
    </ram:InvoiceReferencedDocument>
    <ram:ReceivableSpecifiedTradeAccountingAccount><ram:ID>ACC-H</ram:ID></ram:ReceivableSpecifiedTradeAccountingAccount>
  </ram:ApplicableHeaderTradeSettlement>
</rsm:SupplyChainTradeTransaction>`);
