/** UBL-SR and UBL-DT cases: a body that fires each rule and one that must not. */
import { type Root } from './ubl-syntax-support.js';

/** [id, body that fires it, body that must not, root] */
export const SR_DT_CASES: [string, string, string, Root?][] = [
  [
    'UBL-SR-01',
    '<cac:ContractDocumentReference><cbc:ID>1</cbc:ID></cac:ContractDocumentReference><cac:ContractDocumentReference><cbc:ID>2</cbc:ID></cac:ContractDocumentReference>',
    '<cac:ContractDocumentReference><cbc:ID>1</cbc:ID></cac:ContractDocumentReference>',
  ],
  [
    'UBL-SR-02',
    '<cac:ReceiptDocumentReference><cbc:ID>1</cbc:ID><cbc:ID>2</cbc:ID></cac:ReceiptDocumentReference>',
    '<cac:ReceiptDocumentReference><cbc:ID>1</cbc:ID></cac:ReceiptDocumentReference>',
  ],
  [
    'UBL-SR-03',
    '<cac:DespatchDocumentReference><cbc:ID>1</cbc:ID></cac:DespatchDocumentReference><cac:DespatchDocumentReference><cbc:ID>1</cbc:ID></cac:DespatchDocumentReference>',
    '<cac:DespatchDocumentReference><cbc:ID>1</cbc:ID></cac:DespatchDocumentReference>',
  ],
  [
    'UBL-SR-04',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>2</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>2</cbc:ID></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-SR-05',
    '<cac:PaymentTerms><cbc:Note>a</cbc:Note></cac:PaymentTerms><cac:PaymentTerms><cbc:Note>b</cbc:Note></cac:PaymentTerms>',
    '<cac:PaymentTerms><cbc:Note>a</cbc:Note></cac:PaymentTerms>',
  ],
  [
    'UBL-SR-06',
    '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID></cac:InvoiceDocumentReference><cac:InvoiceDocumentReference><cbc:ID>2</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>',
    '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference><cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>2</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>',
  ],
  [
    'UBL-SR-07',
    '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:IssueDate>2024-01-01</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>',
    '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>',
  ],
  ['UBL-SR-08', '<cac:InvoicePeriod/><cac:InvoicePeriod/>', '<cac:InvoicePeriod/>'],
  [
    'UBL-SR-09',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName><cbc:RegistrationName>B</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-10',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-11',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyID>2</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-12',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>FR1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>FR2</cbc:CompanyID><cac:TaxScheme><cbc:ID>vat</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>FR1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>X</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-13',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>2</cbc:CompanyID><cac:TaxScheme><cbc:ID>LOC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>2</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-14',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyLegalForm>A</cbc:CompanyLegalForm><cbc:CompanyLegalForm>B</cbc:CompanyLegalForm></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyLegalForm>A</cbc:CompanyLegalForm></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-15',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName><cbc:RegistrationName>B</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>A</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-16',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID>2</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-17',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyID>2</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-18',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyID>2</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-19',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyName><cbc:Name>Seller</cbc:Name></cac:PartyName></cac:PayeeParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName></cac:PayeeParty>',
  ],
  [
    'UBL-SR-20',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID="0088">2</cbc:ID></cac:PartyIdentification><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName></cac:PayeeParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID="sepa">2</cbc:ID></cac:PartyIdentification><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName></cac:PayeeParty>',
  ],
  [
    'UBL-SR-21',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyID>2</cbc:CompanyID></cac:PartyLegalEntity></cac:PayeeParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Seller</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName><cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID></cac:PartyLegalEntity></cac:PayeeParty>',
  ],
  [
    'UBL-SR-22',
    '<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:TaxRepresentativeParty>',
    '<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName></cac:TaxRepresentativeParty>',
  ],
  [
    'UBL-SR-23',
    '<cac:TaxRepresentativeParty><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>2</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:TaxRepresentativeParty>',
    '<cac:TaxRepresentativeParty><cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:TaxRepresentativeParty>',
  ],
  ['UBL-SR-24', '<cac:Delivery/><cac:Delivery/>', '<cac:Delivery/>'],
  [
    'UBL-SR-25',
    '<cac:Delivery><cac:DeliveryParty><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:DeliveryParty></cac:Delivery>',
    '<cac:Delivery><cac:DeliveryParty><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName></cac:DeliveryParty></cac:Delivery>',
  ],
  [
    'UBL-SR-26',
    '<cac:PaymentMeans><cbc:PaymentID>1</cbc:PaymentID><cbc:PaymentID>1</cbc:PaymentID></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentID>1</cbc:PaymentID></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentID>1</cbc:PaymentID></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-27',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-28',
    '<cac:PaymentMeans><cac:PaymentMandate><cbc:ID>1</cbc:ID><cbc:ID>2</cbc:ID></cac:PaymentMandate></cac:PaymentMeans>',
    '<cac:PaymentMeans><cac:PaymentMandate><cbc:ID>1</cbc:ID></cac:PaymentMandate></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-29',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyIdentification><cbc:ID schemeID="SEPA">1</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyIdentification><cbc:ID schemeID="sepa">2</cbc:ID></cac:PartyIdentification></cac:PayeeParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyIdentification><cbc:ID schemeID="SEPA">1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID="0088">2</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-30',
    '<cac:AllowanceCharge><cbc:ChargeIndicator> false </cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>',
    '<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>',
  ],
  [
    'UBL-SR-31',
    '<cac:InvoiceLine><cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge></cac:InvoiceLine>',
    '<cac:AllowanceCharge><cbc:ChargeIndicator>yes</cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>',
  ],
  [
    'UBL-SR-32',
    '<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:TaxExemptionReason>a</cbc:TaxExemptionReason><cbc:TaxExemptionReason>b</cbc:TaxExemptionReason></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>',
    '<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:TaxExemptionReason>a</cbc:TaxExemptionReason></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>',
  ],
  [
    'UBL-SR-33',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentDescription>a</cbc:DocumentDescription><cbc:DocumentDescription>b</cbc:DocumentDescription></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentDescription>a</cbc:DocumentDescription></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-SR-34',
    '<cac:InvoiceLine><cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note></cac:InvoiceLine>',
    '<cac:InvoiceLine><cbc:Note>a</cbc:Note></cac:InvoiceLine><cac:InvoiceLine><cbc:Note>b</cbc:Note></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-35',
    '<cac:CreditNoteLine><cac:OrderLineReference><cbc:LineID>1</cbc:LineID></cac:OrderLineReference><cac:OrderLineReference><cbc:LineID>2</cbc:LineID></cac:OrderLineReference></cac:CreditNoteLine>',
    '<cac:CreditNoteLine><cac:OrderLineReference><cbc:LineID>1</cbc:LineID></cac:OrderLineReference></cac:CreditNoteLine>',
    'CreditNote',
  ],
  [
    'UBL-SR-36',
    '<cac:InvoiceLine><cac:InvoicePeriod/><cac:InvoicePeriod/></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:InvoicePeriod/></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-37',
    '<cac:InvoiceLine><cac:Price><cac:AllowanceCharge><cbc:Amount>1</cbc:Amount></cac:AllowanceCharge><cac:AllowanceCharge><cbc:Amount>2</cbc:Amount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:Price><cac:AllowanceCharge><cbc:Amount>1</cbc:Amount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-39',
    '<cac:ProjectReference><cbc:ID>1</cbc:ID></cac:ProjectReference><cac:ProjectReference><cbc:ID>2</cbc:ID></cac:ProjectReference>',
    '<cac:ProjectReference><cbc:ID>1</cbc:ID></cac:ProjectReference>',
  ],
  [
    'UBL-SR-40',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>A</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-42',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme/><cac:PartyTaxScheme/><cac:PartyTaxScheme/></cac:Party></cac:AccountingSupplierParty>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme/><cac:PartyTaxScheme/></cac:Party></cac:AccountingSupplierParty><cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme/><cac:PartyTaxScheme/><cac:PartyTaxScheme/></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-43',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>916</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID schemeID="AAA">1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference><cac:AdditionalDocumentReference><cbc:ID>2</cbc:ID></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-SR-44',
    '<cac:PaymentMeans><cbc:PaymentID>A</cbc:PaymentID></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentID>B</cbc:PaymentID></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentID>A</cbc:PaymentID></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentID>A</cbc:PaymentID></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-45',
    '<cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate></cac:PaymentMeans>',
    'CreditNote',
  ],
  [
    'UBL-SR-46',
    '<cac:PaymentMeans><cbc:PaymentMeansCode name="a">30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode name="b">30</cbc:PaymentMeansCode></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentMeansCode name="a">30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-47',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode></cac:PaymentMeans>',
    '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-48',
    '<cac:InvoiceLine><cac:Item><cbc:Name>x</cbc:Name></cac:Item></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:Item><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID></cac:ClassifiedTaxCategory></cac:Item></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-49',
    '<cac:InvoicePeriod><cbc:DescriptionCode>3</cbc:DescriptionCode><cbc:DescriptionCode>35</cbc:DescriptionCode></cac:InvoicePeriod>',
    '<cac:InvoicePeriod><cbc:DescriptionCode>3</cbc:DescriptionCode></cac:InvoicePeriod>',
  ],
  [
    'UBL-SR-50',
    '<cac:InvoiceLine><cac:Item><cbc:Description>a</cbc:Description><cbc:Description>b</cbc:Description></cac:Item></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:Item><cbc:Description>a</cbc:Description></cac:Item></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-51',
    '<cac:Delivery><cac:DeliveryLocation><cac:Address><cac:AddressLine><cbc:Line>a</cbc:Line></cac:AddressLine><cac:AddressLine><cbc:Line>b</cbc:Line></cac:AddressLine></cac:Address></cac:DeliveryLocation></cac:Delivery>',
    '<cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cac:AddressLine><cbc:Line>a</cbc:Line></cac:AddressLine></cac:PostalAddress></cac:Party></cac:AccountingSupplierParty>',
  ],
  [
    'UBL-SR-52',
    '<cac:InvoiceLine><cac:DocumentReference><cbc:ID>1</cbc:ID></cac:DocumentReference><cac:DocumentReference><cbc:ID>2</cbc:ID></cac:DocumentReference></cac:InvoiceLine>',
    '<cac:InvoiceLine><cac:DocumentReference><cbc:ID>1</cbc:ID></cac:DocumentReference></cac:InvoiceLine>',
  ],
  [
    'UBL-SR-53',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>',
    '<cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>FR1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>',
  ],
  [
    'UBL-SR-54',
    '<cac:PaymentMeans><cac:CardAccount/></cac:PaymentMeans><cac:PaymentMeans><cac:CardAccount/></cac:PaymentMeans>',
    '<cac:PaymentMeans><cac:CardAccount/></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-55',
    '<cac:PaymentMeans><cac:PaymentMandate/></cac:PaymentMeans><cac:PaymentMeans><cac:PaymentMandate/></cac:PaymentMeans>',
    '<cac:PaymentMeans><cac:PaymentMandate/></cac:PaymentMeans>',
  ],
  [
    'UBL-SR-56',
    '<cac:OriginatorDocumentReference><cbc:ID>1</cbc:ID></cac:OriginatorDocumentReference><cac:OriginatorDocumentReference><cbc:ID>2</cbc:ID></cac:OriginatorDocumentReference>',
    '<cac:OriginatorDocumentReference><cbc:ID>1</cbc:ID></cac:OriginatorDocumentReference>',
  ],
  [
    'UBL-DT-01',
    '<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">10.001</cbc:PayableAmount></cac:LegalMonetaryTotal>',
    '<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">10.01</cbc:PayableAmount></cac:LegalMonetaryTotal><cac:InvoiceLine><cac:Price><cbc:PriceAmount>1.23456</cbc:PriceAmount><cac:AllowanceCharge><cbc:Amount>0.12345</cbc:Amount><cbc:BaseAmount>1.23456</cbc:BaseAmount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>',
  ],
  [
    'UBL-DT-06',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject filename="a.pdf">x</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">x</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-DT-07',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf">x</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>',
    '<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">x</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>',
  ],
  [
    'UBL-DT-18',
    '<cac:InvoiceLine><cac:Item><cbc:Name name="x">n</cbc:Name></cac:Item></cac:InvoiceLine>',
    '<cac:PaymentMeans><cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode></cac:PaymentMeans>',
  ],
];

/** The attribute warnings UBL-DT-08..28 (18 above has its own case). */
export const UNUSED_ATTRIBUTES: [string, string][] = [
  ['UBL-DT-08', 'schemeName'],
  ['UBL-DT-09', 'schemeAgencyName'],
  ['UBL-DT-10', 'schemeDataURI'],
  ['UBL-DT-11', 'schemeURI'],
  ['UBL-DT-12', 'format'],
  ['UBL-DT-13', 'unitCodeListIdentifier'],
  ['UBL-DT-14', 'unitCodeListAgencyIdentifier'],
  ['UBL-DT-15', 'unitCodeListAgencyName'],
  ['UBL-DT-16', 'listAgencyName'],
  ['UBL-DT-17', 'listName'],
  ['UBL-DT-19', 'languageID'],
  ['UBL-DT-20', 'listURI'],
  ['UBL-DT-21', 'listSchemeURI'],
  ['UBL-DT-22', 'languageLocaleID'],
  ['UBL-DT-23', 'uri'],
  ['UBL-DT-24', 'currencyCodeListVersionID'],
  ['UBL-DT-25', 'characterSetCode'],
  ['UBL-DT-26', 'encodingCode'],
  ['UBL-DT-27', 'schemeAgencyID'],
  ['UBL-DT-28', 'listAgencyID'],
];
