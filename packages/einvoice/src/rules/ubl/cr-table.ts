/**
 * UBL-CR: the UBL elements and attributes an EN 16931 invoice should not carry (UBL 2.1 has
 * far more than the standard's semantic model; anything outside it is ignored by receivers).
 * Facts of the standard (rule numbers and UBL element names) in our own compact notation,
 * read once into tries by syntax.ts (checks) and syntax-messages.ts (messages).
 *
 * One row per parent element:  SCOPE [PARENT/PATH] [[TERM]] = ENTRY, ENTRY, ...
 *   SCOPE  `.` the path starts at the document root (Invoice or CreditNote);
 *          `L` it starts at each line directly under the root (cac:InvoiceLine or
 *              cac:CreditNoteLine, whichever the root);
 *          `*` anywhere in the document: the path lists the nearest ancestors (may be empty).
 *   TERM   the EN 16931 business term(s) the parent stands for (joined by +), quoted in the
 *          messages.
 *   ENTRY  `QNAME NUMBER [TERM]`: rule UBL-CR-NUMBER fires on every such child element;
 *          `QNAME@ATTR NUMBER [TERM]`: it fires on every such child carrying attribute ATTR.
 *          A TERM here is what the element itself stands for.
 * Prefixes: cac, cbc, ext as in UBL 2.1 (matched on namespace URI, never on the prefix).
 *
 * Not in the table because they need a value test, handled in syntax.ts: 002 (UBLVersionID
 * other than 2.1), 412 (PaymentMeans/PaymentDueDate, in an Invoice only), 663 (attribute
 * unitCodeListID anywhere), 665, 666 and 673 (conditioned on the document type code 130).
 */
// prettier-ignore
export const CR_TABLE = `
. = ext:UBLExtensions 1, cbc:ProfileExecutionID 3, cbc:CopyIndicator 4, cbc:UUID 5, cbc:IssueTime 6, cbc:PricingCurrencyCode 7, cbc:PaymentCurrencyCode 8, cbc:PaymentAlternativeCurrencyCode 9, cbc:AccountingCostCode 10, cbc:LineCountNumeric 11, cac:StatementDocumentReference 77, cac:Signature 137, cac:BuyerCustomerParty 294, cac:SellerSupplierParty 295, cac:DeliveryTerms 410, cac:PrepaidPayment 470, cac:TaxExchangeRate 490, cac:PricingExchangeRate 491, cac:PaymentExchangeRate 492, cac:PaymentAlternativeExchangeRate 493, cac:WithholdingTaxTotal 513
. cac:InvoicePeriod [BG-14] = cbc:StartTime 12, cbc:EndTime 13, cbc:DurationMeasure 14, cbc:Description 15
. cac:OrderReference [BT-13] = cbc:CopyIndicator 16, cbc:UUID 17, cbc:IssueDate 18, cbc:IssueTime 19, cbc:CustomerReference 20, cbc:OrderTypeCode 21, cac:DocumentReference 22
. cac:BillingReference/cac:InvoiceDocumentReference [BG-3] = cbc:CopyIndicator 23, cbc:UUID 24, cbc:IssueTime 25, cbc:DocumentTypeCode 26, cbc:DocumentType 27, cbc:XPath 28, cbc:LanguageID 29, cbc:LocaleCode 30, cbc:VersionID 31, cbc:DocumentStatusCode 32, cbc:DocumentDescription 33, cac:Attachment 34, cac:ValidityPeriod 35, cac:IssuerParty 36, cac:ResultOfVerification 37
. cac:BillingReference [BG-3] = cac:SelfBilledInvoiceDocumentReference 38, cac:CreditNoteDocumentReference 39, cac:SelfBilledCreditNoteDocumentReference 40, cac:DebitNoteDocumentReference 41, cac:ReminderDocumentReference 42, cac:AdditionalDocumentReference 43, cac:BillingReferenceLine 44
. cac:DespatchDocumentReference [BT-16] = cbc:CopyIndicator 45, cbc:UUID 46, cbc:IssueDate 47, cbc:IssueTime 48, cbc:DocumentTypeCode 49, cbc:DocumentType 50, cbc:XPath 51, cbc:LanguageID 52, cbc:LocaleCode 53, cbc:VersionID 54, cbc:DocumentStatusCode 55, cbc:DocumentDescription 56, cac:Attachment 57, cac:ValidityPeriod 58, cac:IssuerParty 59, cac:ResultOfVerification 60
. cac:ReceiptDocumentReference [BT-15] = cbc:CopyIndicator 61, cbc:UUID 62, cbc:IssueDate 63, cbc:IssueTime 64, cbc:DocumentTypeCode 65, cbc:DocumentType 66, cbc:XPath 67, cbc:LanguageID 68, cbc:LocaleCode 69, cbc:VersionID 70, cbc:DocumentStatusCode 71, cbc:DocumentDescription 72, cac:Attachment 73, cac:ValidityPeriod 74, cac:IssuerParty 75, cac:ResultOfVerification 76
. cac:OriginatorDocumentReference [BT-17] = cbc:CopyIndicator 78, cbc:UUID 79, cbc:IssueDate 80, cbc:IssueTime 81, cbc:DocumentTypeCode 82, cbc:DocumentType 83, cbc:XPath 84, cbc:LanguageID 85, cbc:LocaleCode 86, cbc:VersionID 87, cbc:DocumentStatusCode 88, cbc:DocumentDescription 89, cac:Attachment 90, cac:ValidityPeriod 91, cac:IssuerParty 92, cac:ResultOfVerification 93
. cac:ContractDocumentReference [BT-12] = cbc:CopyIndicator 94, cbc:UUID 95, cbc:IssueDate 96, cbc:IssueTime 97, cbc:DocumentTypeCode 98, cbc:DocumentType 99, cbc:XPath 100, cbc:LanguageID 101, cbc:LocaleCode 102, cbc:VersionID 103, cbc:DocumentStatusCode 104, cbc:DocumentDescription 105, cac:Attachment 106, cac:ValidityPeriod 107, cac:IssuerParty 108, cac:ResultOfVerification 109
. cac:AdditionalDocumentReference [BG-24] = cbc:CopyIndicator 110, cbc:UUID 111, cbc:IssueDate 112, cbc:IssueTime 113, cbc:DocumentType 114, cbc:XPath 115, cbc:LanguageID 116, cbc:LocaleCode 117, cbc:VersionID 118, cbc:DocumentStatusCode 119, cac:ValidityPeriod 131, cac:IssuerParty 132, cac:ResultOfVerification 133
. cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference [BT-124] = cbc:DocumentHash 121, cbc:HashAlgorithmMethod 122, cbc:ExpiryDate 123, cbc:ExpiryTime 124, cbc:MimeCode 125, cbc:FormatCode 126, cbc:EncodingCode 127, cbc:CharacterSetCode 128, cbc:FileName 129, cbc:Description 130
. cac:ProjectReference [BT-11] = cbc:UUID 134, cbc:IssueDate 135, cac:WorkPhaseReference 136
. cac:AccountingSupplierParty [BG-4] = cbc:CustomerAssignedAccountID 138, cbc:AdditionalAccountID 139, cbc:DataSendingCapability 140, cac:DespatchContact 198, cac:AccountingContact 199, cac:SellerContact 200
. cac:AccountingSupplierParty/cac:Party [BG-4] = cbc:MarkCareIndicator 141, cbc:MarkAttentionIndicator 142, cbc:WebsiteURI 143, cbc:LogoReferenceID 144, cbc:IndustryClassificationCode 145, cac:Language 146, cac:PhysicalLocation 168, cac:Person 193, cac:AgentParty 194, cac:ServiceProviderParty 195, cac:PowerOfAttorney 196, cac:FinancialAccount 197
. cac:AccountingSupplierParty/cac:Party/cac:PostalAddress [BG-5] = cbc:ID 147, cbc:AddressTypeCode 148, cbc:AddressFormatCode 149, cbc:Postbox 150, cbc:Floor 151, cbc:Room 152, cbc:BlockName 153, cbc:BuildingName 154, cbc:BuildingNumber 155, cbc:InhouseMail 156, cbc:Department 157, cbc:MarkAttention 158, cbc:MarkCare 159, cbc:PlotIdentification 160, cbc:CitySubdivisionName 161, cbc:CountrySubentityCode 162, cbc:Region 163, cbc:District 164, cbc:TimezoneOffset 165, cac:LocationCoordinate 167
. cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country [BT-40] = cbc:Name 166
. cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme [BT-31] = cbc:RegistrationName 169, cbc:TaxLevelCode 170, cbc:ExemptionReasonCode 171, cbc:ExemptionReason 172, cac:RegistrationAddress 173
. cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme [BT-31] = cbc:Name 174, cbc:TaxTypeCode 175, cbc:CurrencyCode 176, cac:JurisdictionRegionAddress 177
. cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity [BT-30] = cbc:RegistrationDate 178, cbc:RegistrationExpirationDate 179, cbc:CompanyLegalFormCode 180, cbc:SoleProprietorshipIndicator 181, cbc:CompanyLiquidationStatusCode 182, cbc:CorporateStockAmount 183, cbc:FullyPaidSharesIndicator 184, cac:RegistrationAddress 185, cac:CorporateRegistrationScheme 186, cac:HeadOfficeParty 187, cac:ShareholderParty 188
. cac:AccountingSupplierParty/cac:Party/cac:Contact [BG-6] = cbc:ID 189, cbc:Telefax 190, cbc:Note 191, cac:OtherCommunication 192
. cac:AccountingCustomerParty [BG-7] = cbc:CustomerAssignedAccountID 201, cbc:SupplierAssignedAccountID 202, cbc:AdditionalAccountID 203, cac:DeliveryContact 262, cac:AccountingContact 263, cac:BuyerContact 264
. cac:AccountingCustomerParty/cac:Party [BG-7] = cbc:MarkCareIndicator 204, cbc:MarkAttentionIndicator 205, cbc:WebsiteURI 206, cbc:LogoReferenceID 207, cbc:IndustryClassificationCode 208, cac:Language 209, cac:PhysicalLocation 231, cac:Person 257, cac:AgentParty 258, cac:ServiceProviderParty 259, cac:PowerOfAttorney 260, cac:FinancialAccount 261
. cac:AccountingCustomerParty/cac:Party/cac:PostalAddress [BG-8] = cbc:ID 210, cbc:AddressTypeCode 211, cbc:AddressFormatCode 212, cbc:Postbox 213, cbc:Floor 214, cbc:Room 215, cbc:BlockName 216, cbc:BuildingName 217, cbc:BuildingNumber 218, cbc:InhouseMail 219, cbc:Department 220, cbc:MarkAttention 221, cbc:MarkCare 222, cbc:PlotIdentification 223, cbc:CitySubdivisionName 224, cbc:CountrySubentityCode 225, cbc:Region 226, cbc:District 227, cbc:TimezoneOffset 228, cac:LocationCoordinate 230
. cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country [BT-55] = cbc:Name 229
. cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme [BT-48] = cbc:RegistrationName 232, cbc:TaxLevelCode 233, cbc:ExemptionReasonCode 234, cbc:ExemptionReason 235, cac:RegistrationAddress 236
. cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cac:TaxScheme [BT-48] = cbc:Name 237, cbc:TaxTypeCode 238, cbc:CurrencyCode 239, cac:JurisdictionRegionAddress 240
. cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity [BT-47] = cbc:RegistrationDate 241, cbc:RegistrationExpirationDate 242, cbc:CompanyLegalFormCode 243, cbc:CompanyLegalForm 244, cbc:SoleProprietorshipIndicator 245, cbc:CompanyLiquidationStatusCode 246, cbc:CorporateStockAmount 247, cbc:FullyPaidSharesIndicator 248, cac:RegistrationAddress 249, cac:CorporateRegistrationScheme 250, cac:HeadOfficeParty 251, cac:ShareholderParty 252
. cac:AccountingCustomerParty/cac:Party/cac:Contact [BG-9] = cbc:ID 253, cbc:Telefax 254, cbc:Note 255, cac:OtherCommunication 256
. cac:PayeeParty [BG-10] = cbc:MarkCareIndicator 265, cbc:MarkAttentionIndicator 266, cbc:WebsiteURI 267, cbc:LogoReferenceID 268, cbc:EndpointID 269, cbc:IndustryClassificationCode 270, cac:Language 271, cac:PostalAddress 272, cac:PhysicalLocation 273, cac:PartyTaxScheme 274, cac:Contact 288, cac:Person 289, cac:AgentParty 290, cac:ServiceProviderParty 291, cac:PowerOfAttorney 292, cac:FinancialAccount 293
. cac:PayeeParty/cac:PartyLegalEntity [BT-61] = cbc:RegistrationName 275, cbc:RegistrationDate 276, cbc:RegistrationExpirationDate 277, cbc:CompanyLegalFormCode 278, cbc:CompanyLegalForm 279, cbc:SoleProprietorshipIndicator 280, cbc:CompanyLiquidationStatusCode 281, cbc:CorporateStockAmount 282, cbc:FullyPaidSharesIndicator 283, cac:RegistrationAddress 284, cac:CorporateRegistrationScheme 285, cac:HeadOfficeParty 286, cac:ShareholderParty 287
. cac:TaxRepresentativeParty [BG-11] = cbc:MarkCareIndicator 296, cbc:MarkAttentionIndicator 297, cbc:WebsiteURI 298, cbc:LogoReferenceID 299, cbc:EndpointID 300, cbc:IndustryClassificationCode 301, cac:PartyIdentification 302, cac:Language 303, cac:PhysicalLocation 325, cac:PartyLegalEntity 335, cac:Contact 336, cac:Person 337, cac:AgentParty 338, cac:ServiceProviderParty 339, cac:PowerOfAttorney 340, cac:FinancialAccount 341
. cac:TaxRepresentativeParty/cac:PostalAddress [BG-12] = cbc:ID 304, cbc:AddressTypeCode 305, cbc:AddressFormatCode 306, cbc:Postbox 307, cbc:Floor 308, cbc:Room 309, cbc:BlockName 310, cbc:BuildingName 311, cbc:BuildingNumber 312, cbc:InhouseMail 313, cbc:Department 314, cbc:MarkAttention 315, cbc:MarkCare 316, cbc:PlotIdentification 317, cbc:CitySubdivisionName 318, cbc:CountrySubentityCode 319, cbc:Region 320, cbc:District 321, cbc:TimezoneOffset 322, cac:LocationCoordinate 324
. cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country [BT-69] = cbc:Name 323
. cac:TaxRepresentativeParty/cac:PartyTaxScheme [BT-63] = cbc:RegistrationName 326, cbc:TaxLevelCode 327, cbc:ExemptionReasonCode 328, cbc:ExemptionReason 329, cac:RegistrationAddress 330
. cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme [BT-63] = cbc:Name 331, cbc:TaxTypeCode 332, cbc:CurrencyCode 333, cac:JurisdictionRegionAddress 334
. cac:Delivery [BG-13] = cbc:ID 342, cbc:Quantity 343, cbc:MinimumQuantity 344, cbc:MaximumQuantity 345, cbc:ActualDeliveryTime 346, cbc:LatestDeliveryDate 347, cbc:LatestDeliveryTime 348, cbc:ReleaseID 349, cbc:TrackingID 350, cac:AlternativeDeliveryLocation 382, cac:RequestedDeliveryPeriod 383, cac:EstimatedDeliveryPeriod 384, cac:CarrierParty 385, cac:NotifyParty 404, cac:Despatch 405, cac:DeliveryTerms 406, cac:MinimumDeliveryUnit 407, cac:MaximumDeliveryUnit 408, cac:Shipment 409, cac:DeliveryAddress 682
. cac:Delivery/cac:DeliveryLocation [BT-71] = cbc:Description 351, cbc:Conditions 352, cbc:CountrySubentity 353, cbc:CountrySubentityCode 354, cbc:LocationTypeCode 355, cbc:InformationURI 356, cbc:Name 357, cac:ValidityPeriod 358, cac:SubsidiaryLocation 380, cac:LocationCoordinate 381
. cac:Delivery/cac:DeliveryLocation/cac:Address [BG-15] = cbc:ID 359, cbc:AddressTypeCode 360, cbc:AddressFormatCode 361, cbc:Postbox 362, cbc:Floor 363, cbc:Room 364, cbc:BlockName 365, cbc:BuildingName 366, cbc:BuildingNumber 367, cbc:InhouseMail 368, cbc:Department 369, cbc:MarkAttention 370, cbc:MarkCare 371, cbc:PlotIdentification 372, cbc:CitySubdivisionName 373, cbc:CountrySubentityCode 374, cbc:Region 375, cbc:District 376, cbc:TimezoneOffset 377, cac:LocationCoordinate 379
. cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country [BT-80] = cbc:Name 378
. cac:Delivery/cac:DeliveryParty [BT-70] = cbc:MarkCareIndicator 386, cbc:MarkAttentionIndicator 387, cbc:WebsiteURI 388, cbc:LogoReferenceID 389, cbc:EndpointID 390, cbc:IndustryClassificationCode 391, cac:PartyIdentification 392, cac:Language 393, cac:PostalAddress 394, cac:PhysicalLocation 395, cac:PartyTaxScheme 396, cac:PartyLegalEntity 397, cac:Contact 398, cac:Person 399, cac:AgentParty 400, cac:ServiceProviderParty 401, cac:PowerOfAttorney 402, cac:FinancialAccount 403
. cac:PaymentMeans [BG-16] = cbc:ID 411, cbc:PaymentChannelCode 413, cbc:InstructionID 414, cac:CreditAccount 434, cac:TradeFinancing 451, cbc:InstructionNote 681
. cac:PaymentMeans/cac:CardAccount [BG-18] = cbc:CardTypeCode 415, cbc:ValidityStartDate 416, cbc:ExpiryDate 417, cbc:IssuerID 418, cbc:IssueNumberID 419, cbc:CV2ID 420, cbc:CardChipCode 421, cbc:ChipApplicationID 422
. cac:PaymentMeans/cac:PayeeFinancialAccount [BG-17] = cbc:AliasName 424, cbc:AccountTypeCode 425, cbc:AccountFormatCode 426, cbc:CurrencyCode 427, cbc:PaymentNote 428, cac:Country 433
. cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch [BT-86] = cbc:Name 429, cac:Address 432
. cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution [BT-86] = cbc:Name 430, cac:Address 431
. cac:PaymentMeans/cac:PaymentMandate [BG-19] = cbc:MandateTypeCode 435, cbc:MaximumPaymentInstructionsNumeric 436, cbc:MaximumPaidAmount 437, cbc:SignatureID 438, cac:PayerParty 439, cac:ValidityPeriod 448, cac:PaymentReversalPeriod 449, cac:Clause 450
. cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount [BT-91] = cbc:Name 440, cbc:AliasName 441, cbc:AccountTypeCode 442, cbc:AccountFormatCode 443, cbc:CurrencyCode 444, cbc:PaymentNote 445, cac:FinancialInstitutionBranch 446, cac:Country 447
. cac:PaymentTerms [BT-20] = cbc:ID 452, cbc:PaymentMeansID 453, cbc:PrepaidPaymentReferenceID 454, cbc:ReferenceEventCode 455, cbc:SettlementDiscountPercent 456, cbc:PenaltySurchargePercent 457, cbc:PaymentPercent 458, cbc:Amount 459, cbc:SettlementDiscountAmount 460, cbc:PenaltyAmount 461, cbc:PaymentTermsDetailsURI 462, cbc:PaymentDueDate 463, cbc:InstallmentDueDate 464, cbc:InvoicingPartyReference 465, cac:SettlementPeriod 466, cac:PenaltyPeriod 467, cac:ExchangeRate 468, cac:ValidityPeriod 469
. cac:AllowanceCharge [BG-20+BG-21] = cbc:ID 471, cbc:PrepaidIndicator 472, cbc:SequenceNumeric 473, cbc:AccountingCostCode 474, cbc:AccountingCost 475, cbc:PerUnitAmount 476, cac:TaxTotal 488, cac:PaymentMeans 489
. cac:AllowanceCharge/cac:TaxCategory [BT-95+BT-102] = cbc:Name 477, cbc:BaseUnitMeasure 478, cbc:PerUnitAmount 479, cbc:TaxExemptionReasonCode 480, cbc:TaxExemptionReason 481, cbc:TierRange 482, cbc:TierRatePercent 483
. cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme [BT-95+BT-102] = cbc:Name 484, cbc:TaxTypeCode 485, cbc:CurrencyCode 486, cac:JurisdictionRegionAddress 487
. cac:TaxTotal [BT-110] = cbc:RoundingAmount 494, cbc:TaxEvidenceIndicator 495, cbc:TaxIncludedIndicator 496
. cac:TaxTotal/cac:TaxSubtotal [BG-23] = cbc:CalculationSequenceNumeric 497, cbc:TransactionCurrencyTaxAmount 498, cbc:Percent 499, cbc:BaseUnitMeasure 500, cbc:PerUnitAmount 501, cbc:TierRange 502, cbc:TierRatePercent 503
. cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory [BT-118] = cbc:Name 504, cbc:BaseUnitMeasure 505, cbc:PerUnitAmount 506, cbc:TierRange 507, cbc:TierRatePercent 508
. cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme [BT-118] = cbc:Name 509, cbc:TaxTypeCode 510, cbc:CurrencyCode 511, cac:JurisdictionRegionAddress 512
. cac:LegalMonetaryTotal [BG-22] = cbc:PayableAlternativeAmount 514
L [BG-25] = cbc:UUID 515, cbc:TaxPointDate 516, cbc:AccountingCostCode 517, cbc:PaymentPurposeCode 518, cbc:FreeOfChargeIndicator 519, cac:DespatchLineReference 529, cac:ReceiptLineReference 530, cac:BillingReference 531, cac:PricingReference 548, cac:OriginatorParty 549, cac:Delivery 550, cac:PaymentTerms 551, cac:TaxTotal 561, cac:WithholdingTaxTotal 562, cac:DeliveryTerms 645, cac:SubInvoiceLine 646, cac:ItemPriceExtension 647
L cac:InvoicePeriod [BG-26] = cbc:StartTime 520, cbc:EndTime 521, cbc:DurationMeasure 522, cbc:DescriptionCode 523, cbc:Description 524
L cac:OrderLineReference [BT-132] = cbc:SalesOrderLineID 525, cbc:UUID 526, cbc:LineStatusCode 527, cac:OrderReference 528
L cac:DocumentReference [BT-128] = cbc:CopyIndicator 532, cbc:UUID 533, cbc:IssueDate 534, cbc:IssueTime 535, cbc:DocumentType 537, cbc:XPath 538, cbc:LanguageID 539, cbc:LocaleCode 540, cbc:VersionID 541, cbc:DocumentStatusCode 542, cbc:DocumentDescription 543, cac:Attachment 544, cac:ValidityPeriod 545, cac:IssuerParty 546, cac:ResultOfVerification 547
L cac:AllowanceCharge [BG-27+BG-28] = cbc:ID 552, cbc:PrepaidIndicator 553, cbc:SequenceNumeric 554, cbc:AccountingCostCode 555, cbc:AccountingCost 556, cbc:PerUnitAmount 557, cac:TaxCategory 558, cac:TaxTotal 559, cac:PaymentMeans 560
L cac:Item [BG-31] = cbc:PackQuantity 563, cbc:PackSizeNumeric 564, cbc:CatalogueIndicator 565, cbc:HazardousRiskIndicator 566, cbc:AdditionalInformation 567, cbc:Keyword 568, cbc:BrandName 569, cbc:ModelName 570, cac:ManufacturersItemIdentification 581, cac:CatalogueItemIdentification 587, cac:AdditionalItemIdentification 588, cac:CatalogueDocumentReference 589, cac:ItemSpecificationDocumentReference 590, cac:TransactionConditions 595, cac:HazardousItem 596, cac:ManufacturerParty 619, cac:InformationContentProviderParty 620, cac:OriginAddress 621, cac:ItemInstance 622, cac:Certificate 623, cac:Dimension 624
L cac:Item/cac:BuyersItemIdentification [BT-156] = cbc:ExtendedID 571, cbc:BarcodeSymbologyID 572, cac:PhysicalAttribute 573, cac:MeasurementDimension 574, cac:IssuerParty 575
L cac:Item/cac:SellersItemIdentification [BT-155] = cbc:ExtendedID 576, cbc:BarcodeSymbologyID 577, cac:PhysicalAttribute 578, cac:MeasurementDimension 579, cac:IssuerParty 580
L cac:Item/cac:StandardItemIdentification [BT-157] = cbc:ExtendedID 582, cbc:BarcodeSymbologyID 583, cac:PhysicalAttribute 584, cac:MeasurementDimension 585, cac:IssuerParty 586
L cac:Item/cac:OriginCountry [BT-159] = cbc:Name 591
L cac:Item/cac:CommodityClassification [BT-158] = cbc:NatureCode 592, cbc:CargoTypeCode 593, cbc:CommodityCode 594
L cac:Item/cac:ClassifiedTaxCategory [BG-30] = cbc:Name 597, cbc:BaseUnitMeasure 598, cbc:PerUnitAmount 599, cbc:TaxExemptionReasonCode 600, cbc:TaxExemptionReason 601, cbc:TierRange 602, cbc:TierRatePercent 603
L cac:Item/cac:ClassifiedTaxCategory/cac:TaxScheme [BG-30] = cbc:Name 604, cbc:TaxTypeCode 605, cbc:CurrencyCode 606, cac:JurisdictionRegionAddress 607
L cac:Item/cac:AdditionalItemProperty [BG-32] = cbc:ID 608, cbc:NameCode 609, cbc:TestMethod 610, cbc:ValueQuantity 611, cbc:ValueQualifier 612, cbc:ImportanceCode 613, cbc:ListValue 614, cac:UsabilityPeriod 615, cac:ItemPropertyGroup 616, cac:RangeDimension 617, cac:ItemPropertyRange 618
L cac:Price [BG-29] = cbc:PriceChangeReason 625, cbc:PriceTypeCode 626, cbc:PriceType 627, cbc:OrderableUnitFactorRate 628, cbc:ValidityPeriod 629, cbc:PriceList 630, cac:PricingExchangeRate 644
L cac:Price/cac:AllowanceCharge [BT-147] = cbc:ID 632, cbc:AllowanceChargeReasonCode 633, cbc:AllowanceChargeReason 634, cbc:MultiplierFactorNumeric 635, cbc:PrepaidIndicator 636, cbc:SequenceNumeric 637, cbc:AccountingCostCode 638, cbc:AccountingCost 639, cbc:PerUnitAmount 640, cac:TaxCategory 641, cac:TaxTotal 642, cac:PaymentMeans 643
. = cbc:CustomizationID@schemeID 648 BT-24, cbc:ProfileID@schemeID 649 BT-23, cbc:ID@schemeID 650 BT-1, cbc:SalesOrderID@schemeID 651 BT-14, cbc:InvoiceTypeCode@listID 656 BT-3, cbc:DocumentCurrencyCode@listID 657 BT-5, cbc:TaxCurrencyCode@listID 658 BT-6, cbc:CreditNoteTypeCode@listID 672 BT-3
. cac:PaymentMeans [BG-16] = cbc:PaymentID@schemeID 653 BT-83, cbc:PaymentMeansCode@listID 661 BT-81
. cac:PaymentMeans/cac:PayeeFinancialAccount [BG-17] = cbc:ID@schemeID 654 BT-84
. cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch [BT-86] = cbc:ID@schemeID 655
. cac:AdditionalDocumentReference [BG-24] = cbc:DocumentTypeCode@listID 659
* = cac:FinancialInstitution 664 BT-86, cbc:PrimaryAccountNumberID@schemeID 674 BT-87, cbc:AllowanceChargeReasonCode@listID 662
* cac:PartyTaxScheme = cbc:CompanyID@schemeID 652
* cac:Country = cbc:IdentificationCode@listID 660
* cac:BuyersItemIdentification = cbc:ID@schemeID 667 BT-156
* cac:SellersItemIdentification = cbc:ID@schemeID 668 BT-155
* cac:Price/cac:AllowanceCharge [BT-147] = cbc:AllowanceChargeReasonCode 669, cbc:AllowanceChargeReason 670, cbc:MultiplierFactorNumeric 671
* cac:CardAccount [BG-18] = cbc:NetworkID@schemeID 675
* cac:PaymentMandate [BG-19] = cbc:ID@schemeID 676 BT-89
* cac:PaymentMandate/cac:PayerFinancialAccount = cbc:ID@schemeID 677 BT-91
* cac:TaxCategory = cbc:ID@schemeID 678 BT-118
* cac:ClassifiedTaxCategory = cbc:ID@schemeID 679 BT-151
* cac:PaymentMeans [BG-16] = cac:PayerFinancialAccount 680
`;

/** One step of a path: a UBL element by prefix (cac, cbc, ext) and local name. */
export interface CrStep {
  prefix: string;
  local: string;
}

/** One UBL-CR fact of the table. */
export interface CrEntry {
  /** Full rule id, UBL-CR-NNN. */
  id: string;
  scope: '.' | 'L' | '*';
  /** Parent path, outermost first (for `*`: the ancestors nearest last). */
  parent: CrStep[];
  /** The forbidden element, or the element carrying the forbidden attribute. */
  el: CrStep;
  attr?: string;
  /** Business term(s) (joined by +) nearest to what the entry is about, if any. */
  term?: string;
  /** True when `term` is the element's own meaning, false when it is the parent's. */
  termOfElement?: boolean;
}

function step(qname: string): CrStep {
  const colon = qname.indexOf(':');
  return { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

let entries: CrEntry[] | undefined;

/** The table as entries, parsed once. */
export function crEntries(): readonly CrEntry[] {
  if (entries) return entries;
  const out: CrEntry[] = [];
  for (const row of CR_TABLE.split('\n')) {
    const eq = row.indexOf(' = ');
    if (eq < 0) continue;
    const head = row.slice(0, eq).split(' ');
    const scope = head[0] as CrEntry['scope'];
    let parent: CrStep[] = [];
    let rowTerm: string | undefined;
    for (const part of head.slice(1)) {
      if (part.startsWith('[')) rowTerm = part.slice(1, -1);
      else parent = part.split('/').map(step);
    }
    for (const item of row.slice(eq + 3).split(', ')) {
      const [name = '', num = '', term] = item.split(' ');
      const at = name.indexOf('@');
      const entry: CrEntry = {
        id: `UBL-CR-${num.padStart(3, '0')}`,
        scope,
        parent,
        el: step(at < 0 ? name : name.slice(0, at)),
      };
      if (at >= 0) entry.attr = name.slice(at + 1);
      if (term) {
        entry.term = term;
        entry.termOfElement = true;
      } else if (rowTerm) {
        entry.term = rowTerm;
        entry.termOfElement = false;
      }
      out.push(entry);
    }
  }
  entries = out;
  return out;
}
